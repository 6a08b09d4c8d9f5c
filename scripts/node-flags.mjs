/**
 * The Node flags the server runs with: `npm start` passes them (package.json), so does the systemd unit in
 * docs/deploying.md, and the benchmarks start the server with them (test/unit/node-flags.test.ts keeps the three
 * in step).
 *
 * `--max-semi-space-size=64`: V8's young generation may grow to 64 MB per half (16 MB by default). Under chat
 * traffic a message's objects live for a group commit and its acknowledgements; with the default, many of them
 * were still alive at the next young collection, were copied into the old generation and collected there. At
 * 5,000 visitors (2,500 messages a second), five runs each on a quiet machine: ack p99 8-17 ms and agent → visitor
 * p99 17-43 ms with it, against 23-102 ms and 66-179 ms without; 32 MB did not help. The price is memory while
 * busy (about 490 MB against 320-340 MB at 5,000 visitors); an idle server grows its young generation only as
 * it needs it.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
