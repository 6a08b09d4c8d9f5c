import type { Kysely } from 'kysely';
import { kyselyAgents, kyselyInvites, kyselySessions } from './kysely/agents.ts';
import { kyselyEvents, kyselyFeedback, kyselySearches } from './kysely/analytics.ts';
import { kyselyConversations } from './kysely/conversations.ts';
import { inTransaction, kyselyMessages } from './kysely/messages.ts';
import { kyselySavedReplies, kyselySettings } from './kysely/settings.ts';
import { kyselyVisitors } from './kysely/visitors.ts';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';

/**
 * The Store over Kysely; the same code runs on SQLite and PostgreSQL. One file per aggregate under
 * kysely/. A transaction is the same store over Kysely's transaction (on SQLite, better-sqlite3's one
 * connection is held until it ends, so other writers wait).
 */
export function createKyselyStore(db: Kysely<Database>): Store {
  const store: Store = {
    agents: kyselyAgents(db),
    sessions: kyselySessions(db),
    invites: kyselyInvites(db),
    visitors: kyselyVisitors(db),
    conversations: kyselyConversations(db),
    messages: kyselyMessages(db),
    events: kyselyEvents(db),
    settings: kyselySettings(db),
    feedback: kyselyFeedback(db),
    searches: kyselySearches(db),
    savedReplies: kyselySavedReplies(db),
    transaction: (fn) => inTransaction(db, (trx) => fn(trx === db ? store : createKyselyStore(trx))),
  };
  return store;
}
