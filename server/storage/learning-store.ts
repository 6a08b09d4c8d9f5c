import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Search learning's own tables (migration 009). */
export interface LearningTables {
  search_learning_signals: {
    query_key: string;
    slug: string;
    visitor: string;
    address: string;
    query_text: string;
    kind: string;
    created_at: string;
  };
  search_learning_reverts: {
    query_key: string;
    slug: string;
    reverted_at: string;
    reverted_by: string;
  };
  search_embeddings: {
    model: string;
    content_hash: string;
    vector: string;
    created_at: string;
  };
}

export interface LearningSignal {
  queryKey: string;
  queryText: string;
  slug: string;
  /** A hash of the visitor's session, never the session id itself. */
  visitor: string;
  /** A hash of the visitor's network address. */
  address: string;
  kind: CountedKind;
  at: string;
}

/** Signals that count towards learning. */
export type CountedKind = 'helpful' | 'read' | 'agent';
const COUNTED: CountedKind[] = ['helpful', 'read', 'agent'];
/**
 * Kept in the same table until they count or are dropped: an article a visitor opened from a search's results
 * (`pending-read`, counted as `read` once the session has gone on without asking for a person), and a session
 * that asked for a person (`escalated`, with empty query and slug).
 */
const PENDING = 'pending-read';
const ESCALATED = 'escalated';

/** A read waiting for its session to be over. */
export interface PendingRead {
  queryKey: string;
  queryText: string;
  slug: string;
  visitor: string;
  address: string;
  at: string;
  /** The session asked for a person (after or before opening the article). */
  escalated: boolean;
}

/** One (query, article) pair's signals since its last revert. */
export interface LearnedPair {
  queryKey: string;
  queryText: string;
  slug: string;
  /** Signals per visitor: each visitor and the address it came from. */
  visitors: Array<{ visitor: string; address: string }>;
  firstAt: string;
  lastAt: string;
}

export interface LearningStore {
  /** Records a signal; a visitor's second signal for the same pair only refreshes its time. */
  addSignal(s: LearningSignal): Promise<void>;
  /** Signals a visitor gave since `since` (for the per-visitor rate limit, across nodes). */
  countByVisitor(visitor: string, since: string): Promise<number>;
  /** Every pair with signals since `since`, signals before the pair's revert left out. */
  pairs(since: string): Promise<LearnedPair[]>;
  revert(queryKey: string, slug: string, at: string, by: string): Promise<void>;
  /**
   * An article opened from a search's results, not counted yet (never replaces a counted signal). It replaces
   * the session's other pending read for the same search: only the last article opened for a search can count.
   */
  addPendingRead(s: Omit<PendingRead, 'escalated'>): Promise<void>;
  /** The session asked for a person: its reads will never count. */
  markEscalated(visitor: string, at: string): Promise<void>;
  /** The session voted on the article: its vote says more than the read (drops the pending read). */
  dropPendingRead(visitor: string, slug: string): Promise<void>;
  /** Pending reads opened at or before `before`, oldest first. */
  dueReads(before: string, limit: number): Promise<PendingRead[]>;
  /** Counts a pending read as `read` (keep), or deletes it. */
  settleRead(r: Pick<PendingRead, 'queryKey' | 'slug' | 'visitor'>, keep: boolean): Promise<void>;
  /** Forgets escalation marks older than `before`. */
  forgetEscalations(before: string): Promise<void>;
  getEmbeddings(model: string, hashes: string[]): Promise<Map<string, number[]>>;
  putEmbeddings(model: string, vectors: Map<string, number[]>, at: string): Promise<void>;
}

export function createLearningStore(database: Kysely<Database>): LearningStore {
  const db = database as unknown as Kysely<LearningTables>;
  return {
    async addSignal(s) {
      await db
        .insertInto('search_learning_signals')
        .values({
          query_key: s.queryKey,
          slug: s.slug,
          visitor: s.visitor,
          address: s.address,
          query_text: s.queryText,
          kind: s.kind,
          created_at: s.at,
        })
        .onConflict((oc) =>
          oc.columns(['query_key', 'slug', 'visitor']).doUpdateSet({ created_at: s.at, kind: s.kind }),
        )
        .execute();
    },

    async countByVisitor(visitor, since) {
      const row = await db
        .selectFrom('search_learning_signals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('visitor', '=', visitor)
        .where('kind', 'in', COUNTED)
        .where('created_at', '>=', since)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async pairs(since) {
      const rows = await db
        .selectFrom('search_learning_signals as s')
        .leftJoin('search_learning_reverts as r', (join) =>
          join.onRef('r.query_key', '=', 's.query_key').onRef('r.slug', '=', 's.slug'),
        )
        .select(['s.query_key', 's.slug', 's.visitor', 's.address', 's.query_text', 's.created_at'])
        .where('s.created_at', '>=', since)
        .where('s.kind', 'in', COUNTED)
        .where((eb) =>
          eb.or([eb('r.reverted_at', 'is', null), eb('s.created_at', '>', eb.ref('r.reverted_at'))]),
        )
        .orderBy('s.created_at')
        .execute();
      const byPair = new Map<string, LearnedPair>();
      for (const row of rows) {
        const key = `${row.query_key}\n${row.slug}`;
        let pair = byPair.get(key);
        if (!pair) {
          pair = {
            queryKey: row.query_key,
            queryText: row.query_text,
            slug: row.slug,
            visitors: [],
            firstAt: row.created_at,
            lastAt: row.created_at,
          };
          byPair.set(key, pair);
        }
        pair.visitors.push({ visitor: row.visitor, address: row.address });
        pair.lastAt = row.created_at;
      }
      return [...byPair.values()];
    },

    async revert(queryKey, slug, at, by) {
      await db
        .insertInto('search_learning_reverts')
        .values({ query_key: queryKey, slug, reverted_at: at, reverted_by: by })
        .onConflict((oc) =>
          oc.columns(['query_key', 'slug']).doUpdateSet({ reverted_at: at, reverted_by: by }),
        )
        .execute();
    },

    async addPendingRead(r) {
      await db
        .deleteFrom('search_learning_signals')
        .where('visitor', '=', r.visitor)
        .where('query_key', '=', r.queryKey)
        .where('slug', '!=', r.slug)
        .where('kind', '=', PENDING)
        .execute();
      await db
        .insertInto('search_learning_signals')
        .values({
          query_key: r.queryKey,
          slug: r.slug,
          visitor: r.visitor,
          address: r.address,
          query_text: r.queryText,
          kind: PENDING,
          created_at: r.at,
        })
        .onConflict((oc) => oc.columns(['query_key', 'slug', 'visitor']).doNothing())
        .execute();
    },

    async markEscalated(visitor, at) {
      await db
        .insertInto('search_learning_signals')
        .values({
          query_key: '',
          slug: '',
          visitor,
          address: '',
          query_text: '',
          kind: ESCALATED,
          created_at: at,
        })
        .onConflict((oc) => oc.columns(['query_key', 'slug', 'visitor']).doNothing())
        .execute();
    },

    async dropPendingRead(visitor, slug) {
      await db
        .deleteFrom('search_learning_signals')
        .where('visitor', '=', visitor)
        .where('slug', '=', slug)
        .where('kind', '=', PENDING)
        .execute();
    },

    async dueReads(before, limit) {
      const rows = await db
        .selectFrom('search_learning_signals as s')
        .select(['s.query_key', 's.slug', 's.visitor', 's.address', 's.query_text', 's.created_at'])
        .select((eb) =>
          eb
            .exists(
              eb
                .selectFrom('search_learning_signals as e')
                .select('e.visitor')
                .whereRef('e.visitor', '=', 's.visitor')
                .where('e.kind', '=', ESCALATED),
            )
            .as('escalated'),
        )
        .where('s.kind', '=', PENDING)
        .where('s.created_at', '<=', before)
        .orderBy('s.created_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        queryKey: r.query_key,
        queryText: r.query_text,
        slug: r.slug,
        visitor: r.visitor,
        address: r.address,
        at: r.created_at,
        escalated: Boolean(r.escalated),
      }));
    },

    async settleRead(r, keep) {
      const pending = { query_key: r.queryKey, slug: r.slug, visitor: r.visitor, kind: PENDING };
      if (keep)
        await db
          .updateTable('search_learning_signals')
          .set({ kind: 'read' })
          .where((eb) => eb.and(pending))
          .execute();
      else
        await db
          .deleteFrom('search_learning_signals')
          .where((eb) => eb.and(pending))
          .execute();
    },

    async forgetEscalations(before) {
      await db
        .deleteFrom('search_learning_signals')
        .where('kind', '=', ESCALATED)
        .where('created_at', '<', before)
        .execute();
    },

    async getEmbeddings(model, hashes) {
      const out = new Map<string, number[]>();
      for (let i = 0; i < hashes.length; i += 500) {
        const rows = await db
          .selectFrom('search_embeddings')
          .select(['content_hash', 'vector'])
          .where('model', '=', model)
          .where('content_hash', 'in', hashes.slice(i, i + 500))
          .execute();
        for (const row of rows) out.set(row.content_hash, JSON.parse(row.vector) as number[]);
      }
      return out;
    },

    async putEmbeddings(model, vectors, at) {
      const values = [...vectors].map(([hash, vector]) => ({
        model,
        content_hash: hash,
        vector: JSON.stringify(vector),
        created_at: at,
      }));
      for (let i = 0; i < values.length; i += 200)
        await db
          .insertInto('search_embeddings')
          .values(values.slice(i, i + 200))
          .onConflict((oc) => oc.columns(['model', 'content_hash']).doNothing())
          .execute();
    },
  };
}
