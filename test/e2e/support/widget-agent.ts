import { io, type Socket } from 'socket.io-client';
import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';
import type {
  AgentClientEvents,
  AgentConversationDetail,
  AgentServerEvents,
} from '../../../server/protocol/events.ts';
import { PROTOCOL_VERSION } from '../../../server/protocol/version.ts';
import type { ParleyProcess } from './servers.ts';

type AnyAck = { ok: boolean; data?: unknown; error?: { code: string; message: string } };

/** An agent driven from the test through the real /agent socket (no console UI): fast and independent. */
export interface TestAgent {
  socket: Socket<AgentServerEvents, AgentClientEvents>;
  request<T = unknown>(event: keyof AgentClientEvents, input: unknown): Promise<T>;
  /** Resolves with the first conversation (existing or new) whose preview matches. */
  waitForConversation(preview: string | RegExp): Promise<AgentConversationDTO>;
  open(conversationId: string): Promise<AgentConversationDetail>;
  claim(conversationId: string): Promise<void>;
  say(conversationId: string, text: string): Promise<void>;
  close(): void;
}

let counter = 0;

/** Signs the server's first admin in over HTTP; the session cookie, as a `Cookie` header value. */
export async function adminSessionCookie(parley: ParleyProcess): Promise<string> {
  const res = await fetch(`${parley.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: parley.url },
    body: JSON.stringify({ email: parley.adminEmail, password: parley.adminPassword }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export async function signInAgent(parley: ParleyProcess): Promise<TestAgent> {
  const cookie = await adminSessionCookie(parley);
  const socket: Socket<AgentServerEvents, AgentClientEvents> = io(`${parley.url}/agent`, {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION },
    extraHeaders: { cookie, origin: parley.url },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const request = <T>(event: keyof AgentClientEvents, input: unknown) =>
    new Promise<T>((resolve, reject) => {
      (socket.timeout(10_000) as unknown as { emit: (...a: unknown[]) => void }).emit(
        event,
        input,
        (err: Error | null, ack: AnyAck) => {
          if (err) return reject(err);
          if (ack.ok) return resolve(ack.data as T);
          reject(new Error(`${event}: ${ack.error?.code} ${ack.error?.message}`));
        },
      );
    });
  // Make sure the presence is online (routing then accepts visitors).
  await request('agent:status', { status: 'online' });
  const matches = (c: AgentConversationDTO, p: string | RegExp) =>
    typeof p === 'string' ? c.preview.includes(p) : p.test(c.preview);
  return {
    socket,
    request,
    waitForConversation: (preview) =>
      new Promise((resolve, reject) => {
        const onEvent = (c: AgentConversationDTO) => {
          if (!matches(c, preview)) return;
          socket.off('conversation:created', onEvent);
          socket.off('conversation:updated', onEvent);
          resolve(c);
        };
        socket.on('conversation:created', onEvent);
        socket.on('conversation:updated', onEvent);
        request<{ conversations: AgentConversationDTO[] }>('inbox:list', {}).then((r) => {
          const found = r.conversations.find((c) => matches(c, preview));
          if (found) onEvent(found);
        }, reject);
      }),
    open: (conversationId) => request<AgentConversationDetail>('conversation:open', { conversationId }),
    claim: async (conversationId) => {
      await request('conversation:claim', { conversationId });
    },
    say: async (conversationId, text) => {
      counter += 1;
      await request('message:send', { conversationId, clientId: `agent-${Date.now()}-${counter}`, text });
    },
    close: () => socket.close(),
  };
}
