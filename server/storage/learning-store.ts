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
  kind: 'helpful' | 'read' | 'agent';
  at: string;
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
