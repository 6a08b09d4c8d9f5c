import type { AgentConversationDTO, AgentDTO, MessageDTO, VisitorDTO } from '../../../server/protocol/dto.ts';
import {
  ApiError,
  type ConsoleApi,
  DEFAULT_PREFERENCES,
  type WorkspaceSettings,
} from '../../../widget/console/api.ts';
import type { ConsoleDeps } from '../../../widget/console/deps.ts';
import {
  type AgentConnection,
  type Command,
  type CommandInput,
  type CommandResult,
  type Fact,
  type LinkState,
  RequestError,
  type ServerEvents,
} from '../../../widget/console/socket.ts';

export const NOW = Date.parse('2025-03-04T10:00:00.000Z');
const NOW_ISO = new Date(NOW).toISOString();
export const SETTINGS: WorkspaceSettings = {
  widget: { greeting: 'Hi!', color: '#3b5bdb', launcherLabel: 'Help', position: 'right' },
  routing: { mode: 'pick', queueLimit: 20, waitTargetSeconds: 120, agentGraceSeconds: 60 },
  businessHours: null,
};
export const INVITE_EXPIRY = new Date(NOW + 7 * 86_400_000).toISOString();
export const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

export const agent = (over: Partial<AgentDTO> = {}): AgentDTO => ({
  id: 'a1',
  name: 'Ada Agent',
  email: 'ada@example.com',
  role: 'agent',
  status: 'online',
  maxChats: 5,
  disabled: false,
  ...over,
});

let n = 0;
export const conversation = (over: Partial<AgentConversationDTO> = {}): AgentConversationDTO => {
  n += 1;
  return {
    id: `c${n}`,
    status: 'waiting',
    lastSeq: 1,
    agent: null,
    visitor: { id: `v${n}`, name: `Visitor ${n}`, email: null, verified: false },
    preview: 'Where is my parcel?',
    lastMessageAt: minutesAgo(5),
    waitingSince: minutesAgo(5),
    queuePosition: 1,
    visitorReadSeq: 0,
    visitorDeliveredSeq: 0,
    agentReadSeq: 0,
    rating: null,
    ratingComment: null,
    createdAt: minutesAgo(5),
    updatedAt: minutesAgo(5),
    ...over,
  };
};

export const message = (over: Partial<MessageDTO> & Pick<MessageDTO, 'seq'>): MessageDTO => ({
  id: `m${over.seq}`,
  conversationId: 'c-open',
  clientId: null,
  author: 'visitor',
  authorName: null,
  text: `message ${over.seq}`,
  createdAt: minutesAgo(10 - over.seq),
  ...over,
});

export const visitor = (over: Partial<VisitorDTO> = {}): VisitorDTO => ({
  id: 'v-open',
  name: 'Grace Visitor',
  email: 'grace@example.com',
  verified: true,
  pages: [],
  context: {
    url: 'https://shop.example/orders/42',
    title: 'Order 42',
    locale: 'en-GB',
    timeZone: 'Europe/London',
  },
  createdAt: minutesAgo(30),
  ...over,
});

type Handlers = { [E in Command]?: (input: CommandInput<E>) => CommandResult<E> | Promise<CommandResult<E>> };

/** An in-memory stand-in for the /agent socket: answers commands from `handlers`, lets a test push facts. */
export function fakeConnection(handlers: Handlers = {}, initial: LinkState = 'connected') {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const stateListeners = new Set<(s: LinkState) => void>();
  const requests: Array<{ event: Command; input: unknown }> = [];
  let state = initial;
  let reconnects = 0;
  const conn: AgentConnection = {
    request(event, input) {
      requests.push({ event, input });
      const handler = handlers[event] as ((i: unknown) => unknown) | undefined;
      if (!handler) return Promise.reject(new RequestError('not_found', `no fake for ${event}`));
      return Promise.resolve().then(() => handler(input)) as never;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as never);
      listeners.set(event, set);
      return () => set.delete(listener as never);
    },
    onState(listener) {
      stateListeners.add(listener);
      listener(state);
      return () => stateListeners.delete(listener);
    },
    reconnect() {
      reconnects += 1;
    },
    close() {},
  };
  return {
    conn,
    requests,
    reconnects: () => reconnects,
    emit<E extends Fact>(event: E, ...args: Parameters<ServerEvents[E]>) {
      for (const fn of listeners.get(event) ?? []) fn(...args);
    },
    setState(next: LinkState) {
      state = next;
      for (const fn of stateListeners) fn(next);
    },
  };
}

export function fakeApi(over: Partial<ConsoleApi> = {}): ConsoleApi {
  return {
    login: async () => {
      throw new ApiError(401, 'unauthorized', 'Invalid credentials');
    },
    logout: async () => {},
    me: async () => null,
    settings: async () => structuredClone(SETTINGS),
    saveSettings: async (s) => s,
    contentGaps: async () => ({ days: 30, unanswered: [], unhelpful: [] }),
    renameMe: async (name) => agent({ name }),
    savedReplies: async () => [],
    createSavedReply: async (input) => ({ id: 'r-new', createdBy: 'a1', updatedAt: NOW_ISO, ...input }),
    updateSavedReply: async (id, input) => ({
      id,
      shortcut: 'x',
      title: 'x',
      text: 'x',
      createdBy: 'a1',
      updatedAt: NOW_ISO,
      ...input,
    }),
    deleteSavedReply: async () => {},
    preferences: async () => ({ ...DEFAULT_PREFERENCES }),
    savePreferences: async (p) => p,
    searchConversations: async () => [],
    kbSearch: async () => [],
    agents: async () => [],
    createAgent: async (input) => ({
      agent: agent({ id: 'a-new', ...input }),
      password: 'one-time-pass-123',
    }),
    updateAgent: async (id, patch) => agent({ id, ...patch }),
    resetPassword: async (id) => ({ agent: agent({ id }), password: 'one-time-pass-456' }),
    invites: async () => [],
    createInvite: async (input) => ({
      invite: { id: 'i-new', ...input, createdAt: NOW_ISO, expiresAt: INVITE_EXPIRY, createdBy: 'Ada Agent' },
      url: 'http://parley.test/console#invite=tok-123',
    }),
    revokeInvite: async () => {},
    lookupInvite: async () => {
      throw new ApiError(404, 'not_found', 'This invite link is not valid. Check that it was copied whole.');
    },
    acceptInvite: async () => agent({ id: 'a-invited' }),
    changePassword: async () => {},
    choosePassword: async () => agent(),
    ...over,
  };
}

export const deps = (over: Partial<ConsoleDeps> = {}): ConsoleDeps => ({
  api: fakeApi(),
  connect: () => fakeConnection().conn,
  now: () => NOW,
  ...over,
});
