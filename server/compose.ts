import { join } from 'node:path';
import { createBudgets } from './budgets.ts';
import type { Config } from './config.ts';
import { ConversationReads } from './domain/conversation-reads.ts';
import { Conversations } from './domain/conversations/conversations.ts';
import { Routing } from './domain/conversations/routing.ts';
import { typicalReply } from './domain/conversations/typical-reply.ts';
import { createEmitter } from './domain/emitter.ts';
import { ConversationErasure } from './domain/erasure/conversation-erasure.ts';
import { startFollowUp } from './domain/follow-up/follow-up.ts';
import { TranscriptEmail } from './domain/follow-up/transcript-email.ts';
import { AgentAdmin } from './domain/identity/agent-admin.ts';
import { Agents } from './domain/identity/agents.ts';
import { Avatars } from './domain/identity/avatars.ts';
import { Invites } from './domain/identity/invites.ts';
import { Visitors } from './domain/identity/visitors.ts';
import { createEmbedder } from './domain/knowledge-base/embedder/create-embedder.ts';
import { type EmbedderSettings, embedderSettingsFromEnv } from './domain/knowledge-base/embedder/embedder.ts';
import { HybridSearch } from './domain/knowledge-base/embedder/hybrid-search.ts';
import { loadKnowledgeBase } from './domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from './domain/knowledge-base/types.ts';
import { Preferences } from './domain/preferences.ts';
import { Reports } from './domain/reports/reports.ts';
import { SavedReplies } from './domain/saved-replies.ts';
import { learnFromAgentAnswers } from './domain/search-learning/agent-answers.ts';
import {
  type LearningPolicy,
  learningPolicyFromEnv,
  SearchLearning,
} from './domain/search-learning/learning.ts';
import { SelfService } from './domain/self-service.ts';
import { Settings } from './domain/settings.ts';
import { Typing } from './domain/typing.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { type Ids, randomIds } from './lib/ids.ts';
import type { Logger } from './lib/logger.ts';
import type { DomainEvents, Services } from './services.ts';
import { type DatabaseHandle, type DatabaseTarget, databaseTarget, openDatabase } from './storage/connect.ts';
import { closedBefore, eraseConversationRows } from './storage/erase-conversation.ts';
import { createKyselyStore } from './storage/kysely-store.ts';
import { createLearningStore } from './storage/learning-store.ts';
import { createReportsStore } from './storage/reports-store.ts';
import type { Store } from './storage/store.ts';

export interface ComposeOptions {
  database: DatabaseTarget;
  kbDir: string;
  logger: Logger;
  watchKb?: boolean;
  /** Where the knowledge base's parse and index are kept between starts (see cache-files.ts); unset: none. */
  kbCacheDir?: string;
  clock?: Clock;
  ids?: Ids;
  identitySecret?: string | undefined;
  /** Use an already-loaded knowledge base (tests share one). */
  kb?: KnowledgeBase;
  /** Search learning's thresholds (PARLEY_LEARNING_MIN_VISITORS...). */
  learning?: Partial<LearningPolicy>;
  /** Semantic retrieval fused with BM25 (PARLEY_EMBEDDER_URL...); absent, search is lexical. */
  embedder?: EmbedderSettings | undefined;
}

/** Wires storage, the knowledge base and the domain services. The caller owns closing them. */
export async function composeServices(opts: ComposeOptions): Promise<{
  services: Services;
  /** For tests and the CLI only: the transports are given `services`, never the store. */
  store: Store;
  database: DatabaseHandle;
  close(): Promise<void>;
}> {
  const clock = opts.clock ?? systemClock;
  const ids = opts.ids ?? randomIds;
  const database = await openDatabase(opts.database);
  const kb =
    opts.kb ??
    (await loadKnowledgeBase({
      dir: opts.kbDir,
      logger: opts.logger.child({ module: 'kb' }),
      watch: opts.watchKb ?? false,
      ...(opts.kbCacheDir ? { cacheDir: opts.kbCacheDir } : {}),
    }));
  const store = createKyselyStore(database.db);
  const events = createEmitter<DomainEvents>();
  const conversations = new Conversations({
    store,
    clock,
    ids,
    events,
    queueLimit: async () => (await settings.get()).routing.queueLimit,
  });
  const settings = new Settings({ store, clock });
  const agents = new Agents({ store, clock, ids });
  const avatars = new Avatars({ store, clock });
  const reportsStore = createReportsStore(database.db);
  const services: Services = {
    clock,
    budgets: createBudgets(clock),
    events,
    kb,
    settings,
    conversations,
    reads: new ConversationReads({ store, conversations }),
    typing: new Typing({ store, events }),
    agents,
    agentAdmin: new AgentAdmin({ store, agents, conversations }),
    invites: new Invites({ store, agents, clock, ids }),
    preferences: new Preferences({ store, clock }),
    savedReplies: new SavedReplies({ store, clock, ids }),
    selfService: new SelfService({ store, clock }),
    visitors: new Visitors({
      store,
      clock,
      ids,
      identitySecret: opts.identitySecret,
      announce: (visitor) => events.emit('visitor.changed', { visitor }),
    }),
    routing: new Routing({
      store,
      conversations,
      settings,
      clock,
      logger: opts.logger.child({ module: 'routing' }),
      avatarOf: (id) => avatars.url(id),
      typicalReplySeconds: typicalReply({
        firstResponses: (from, to) => reportsStore.secondsCounted('first_response_s', 'created_at', from, to),
        now: () => clock.now().getTime(),
      }),
    }),
    reports: new Reports({
      store: reportsStore,
      now: () => clock.now().getTime(),
      timeZone: async () => (await settings.get()).businessHours?.timeZone ?? 'UTC',
      businessHours: async () => (await settings.get()).businessHours,
      warn: (err, message) => opts.logger.warn({ err }, message),
    }),
    startFollowUp: (deps) => startFollowUp({ ...deps, store, events }),
    erasure: new ConversationErasure({
      store,
      eraseRows: (id) => eraseConversationRows(database.db, id),
      closedBefore: (iso, limit) => closedBefore(database.db, iso, limit),
      logger: opts.logger.child({ module: 'erasure' }),
      events,
    }),
    avatars,
    transcriptEmail: (mailer, fileLink) => new TranscriptEmail({ store, mailer, clock, fileLink }),
    learning: new SearchLearning({
      store: createLearningStore(database.db),
      clock,
      kb,
      logger: opts.logger.child({ module: 'search-learning' }),
      ...(opts.learning ? { policy: opts.learning } : {}),
    }),
    semantic: semanticSearch(opts, kb, database),
  };
  const learningLog = opts.logger.child({ module: 'search-learning' });
  const stopAgentAnswers = services.learning
    ? learnFromAgentAnswers(events, services.learning, (err) =>
        learningLog.warn({ err }, 'search learning: could not record an agent answer'),
      )
    : () => {};
  return {
    services,
    store,
    database,
    close: async () => {
      stopAgentAnswers();
      if (!opts.kb) await kb.close();
      await services.reports.settled();
      await database.close();
    },
  };
}

/** BM25 fused with the configured embedder (an OpenAI-compatible server or a local ONNX model folder). */
function semanticSearch(
  opts: ComposeOptions,
  kb: KnowledgeBase,
  database: DatabaseHandle,
): HybridSearch | undefined {
  const settings = opts.embedder;
  if (!settings) return undefined;
  const logger = opts.logger.child({ module: 'semantic-search' });
  const embedder = createEmbedder(settings);
  if (!embedder) {
    logger.warn({ embedder: settings.kind }, 'embedder settings incomplete; search is lexical only');
    return undefined;
  }
  const hybrid = new HybridSearch({ kb, embedder, cache: createLearningStore(database.db), logger });
  void hybrid.index();
  return hybrid;
}

/** Config -> compose options, the one place the two meet. */
export function composeOptionsFrom(config: Config, logger: Logger): ComposeOptions {
  return {
    database: databaseTarget(config.databaseUrl, config.dataDir),
    kbDir: config.kbDir,
    logger,
    watchKb: true,
    kbCacheDir: join(config.dataDir, 'kb-cache'),
    identitySecret: config.identitySecret,
    embedder: embedderSettingsFromEnv(process.env),
    learning: learningPolicyFromEnv(process.env),
  };
}
