import type { Kysely } from 'kysely';

/**
 * Search learning: one row per (query, article, visitor) signal that an article answered a
 * query, editors' reverts of what was learned, and the embedder's section vectors by content hash.
 * Safe to run on a database that already has them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_learning_signals')
    .ifNotExists()
    .addColumn('query_key', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('query_text', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_learning_signals_pk', ['query_key', 'slug', 'visitor'])
    .execute();
  await db.schema
    .createIndex('search_learning_signals_visitor')
    .ifNotExists()
    .on('search_learning_signals')
    .columns(['visitor', 'created_at'])
    .execute();
  await db.schema
    .createIndex('search_learning_signals_created')
    .ifNotExists()
    .on('search_learning_signals')
    .column('created_at')
    .execute();
  await db.schema
    .createTable('search_learning_reverts')
    .ifNotExists()
    .addColumn('query_key', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('reverted_at', 'text', (c) => c.notNull())
    .addColumn('reverted_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_learning_reverts_pk', ['query_key', 'slug'])
    .execute();
  await db.schema
    .createTable('search_embeddings')
    .ifNotExists()
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('vector', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_embeddings_pk', ['model', 'content_hash'])
    .execute();
}
