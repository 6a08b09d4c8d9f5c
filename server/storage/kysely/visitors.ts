import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import type { VisitorStore } from '../store.ts';
import { visitor } from './mappers.ts';

export function kyselyVisitors(db: Kysely<Database>): VisitorStore {
  return {
    async create(v) {
      await db
        .insertInto('visitors')
        .values({
          id: v.id,
          token_hash: v.tokenHash,
          name: v.name,
          email: v.email,
          verified: v.verified ? 1 : 0,
          context: JSON.stringify(v.context),
          pages: JSON.stringify(v.pages ?? []),
          created_at: v.createdAt,
          last_seen_at: v.lastSeenAt,
        })
        .execute();
    },
    async byTokenHash(tokenHash) {
      const r = await db
        .selectFrom('visitors')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return r ? visitor(r) : undefined;
    },
    async byId(id) {
      const r = await db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? visitor(r) : undefined;
    },
    async update(id, p) {
      const v: Partial<Database['visitors']> = {};
      if (p.name !== undefined) v.name = p.name;
      if (p.email !== undefined) v.email = p.email;
      if (p.verified !== undefined) v.verified = p.verified ? 1 : 0;
      if (p.context !== undefined) v.context = JSON.stringify(p.context);
      if (p.pages !== undefined) v.pages = JSON.stringify(p.pages);
      if (p.lastSeenAt !== undefined) v.last_seen_at = p.lastSeenAt;
      await db.updateTable('visitors').set(v).where('id', '=', id).execute();
    },
  };
}
