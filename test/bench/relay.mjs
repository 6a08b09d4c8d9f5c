// The floor for `npm run bench:realtime`: a bare socket.io server that speaks just enough of Parley's protocol
// for the benchmark's clients (start, send with an ack, a reply back) and relays each visitor message to one
// agent, with no database, no validation and no rooms beyond one per agent. `node test/bench/relay.mjs`; prints
// its port on stdout.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer((req, res) => res.end(req.url === '/healthz' ? 'ok' : ''));
const io = new Server(http, { transports: ['websocket'], serveClient: false });
const agents = [];
const ownerOf = new Map();
let seq = 0;
let next = 0;

io.of('/agent').on('connection', (socket) => {
  agents.push(socket);
  socket.on('message:send', (m, ack) => {
    const message = { ...m, id: `m${++seq}`, seq, author: 'agent', createdAt: new Date().toISOString() };
    io.of('/visitor').to(m.conversationId).emit('message:created', message);
    ack?.({ ok: true, data: { message } });
  });
});

io.of('/visitor').on('connection', (socket) => {
  socket.on('conversation:start', (m, ack) => {
    const id = socket.id;
    void socket.join(id);
    ownerOf.set(id, agents[next++ % Math.max(1, agents.length)]);
    ack?.({ ok: true, data: { conversation: { id }, message: { ...m, seq: 1 } } });
  });
  socket.on('message:send', (m, ack) => {
    const message = { ...m, id: `m${++seq}`, seq, author: 'visitor', createdAt: new Date().toISOString() };
    ack?.({ ok: true, data: { message } });
    ownerOf.get(m.conversationId)?.emit('message:created', message);
  });
});

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(String(http.address().port)));
