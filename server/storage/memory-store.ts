import { memoryAgents, memoryInvites, memorySessions } from './memory/agents.ts';
import {
  memoryEvents,
  memoryFeedback,
  memorySavedReplies,
  memorySearches,
  memorySettings,
} from './memory/analytics.ts';
import { memoryConversations, memoryVisitors } from './memory/conversations.ts';
import { memoryMessages } from './memory/messages.ts';
import { copy, emptyState, type MemoryState } from './memory/state.ts';
import type { Store } from './store.ts';

/** One caller at a time, in arrival order: what a database's locks give each statement and transaction. */
function serialiser() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => {});
    return run;
  };
}

type Aggregates = Omit<Store, 'transaction'>;
type Method = (...args: unknown[]) => Promise<unknown>;

/** The same aggregate with each call run through `wrap`. */
function wrapped<A extends object>(aggregate: A, wrap: (fn: () => Promise<unknown>) => Promise<unknown>): A {
  const methods = Object.entries(aggregate) as Array<[string, Method]>;
  return Object.fromEntries(
    methods.map(([name, fn]) => [name, (...args: unknown[]) => wrap(() => fn(...args))]),
  ) as A;
}

/**
 * The Store in memory, for fast unit tests: it passes the same contract suite as SQLite and PostgreSQL.
 * Each call runs alone; a transaction holds the store until it ends and puts everything back on a throw.
 */
export function createMemoryStore(): Store {
  const state: MemoryState = emptyState();
  const raw: Aggregates = {
    agents: memoryAgents(state),
    sessions: memorySessions(state),
    invites: memoryInvites(state),
    visitors: memoryVisitors(state),
    conversations: memoryConversations(state),
    messages: memoryMessages(state),
    events: memoryEvents(state),
    settings: memorySettings(state),
    feedback: memoryFeedback(state),
    searches: memorySearches(state),
    savedReplies: memorySavedReplies(state),
  };
  const inside: Store = { ...raw, transaction: (fn) => fn(inside) };
  const alone = serialiser();
  const outside = Object.fromEntries(
    Object.entries(raw).map(([name, aggregate]) => [name, wrapped(aggregate, alone)]),
  ) as Aggregates;
  return {
    ...outside,
    transaction: (fn) =>
      alone(async () => {
        const before = copy(state);
        try {
          return await fn(inside);
        } catch (err) {
          Object.assign(state, before);
          throw err;
        }
      }),
  };
}
