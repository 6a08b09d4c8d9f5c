import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.ts';
import type { SavedReplyStore, SettingStore } from '../store.ts';
import { isUniqueViolation, savedReply } from './mappers.ts';

export function kyselySettings(db: Kysely<Database>): SettingStore {
  return {
    async get(key) {
      const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      return r ? (JSON.parse(r.value) as unknown) : undefined;
    },
    async put(key, value, updatedAt) {
      const json = JSON.stringify(value);
      await db
        .insertInto('settings')
        .values({ key, value: json, updated_at: updatedAt })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: updatedAt }))
        .execute();
    },
    async deleteOlder(prefix, before) {
      const escaped = prefix.replace(/[\\%_]/g, (c) => `\\${c}`);
      const r = await db
        .deleteFrom('settings')
        .where(sql<boolean>`key like ${`${escaped}%`} escape '\\'`)
        .where('updated_at', '<', before)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

/** False instead of a throw when the unique shortcut is taken. */
async function unlessTaken(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

export function kyselySavedReplies(db: Kysely<Database>): SavedReplyStore {
  return {
    async list() {
      return (await db.selectFrom('saved_replies').selectAll().orderBy('shortcut').execute()).map(savedReply);
    },
    async byId(id) {
      const r = await db.selectFrom('saved_replies').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? savedReply(r) : undefined;
    },
    create: (r) =>
      unlessTaken(() =>
        db
          .insertInto('saved_replies')
          .values({
            id: r.id,
            shortcut: r.shortcut,
            title: r.title,
            text: r.text,
            created_by: r.createdBy,
            created_at: r.createdAt,
            updated_at: r.updatedAt,
          })
          .execute(),
      ),
    update(id, p) {
      const v: Partial<Database['saved_replies']> = {};
      if (p.shortcut !== undefined) v.shortcut = p.shortcut;
      if (p.title !== undefined) v.title = p.title;
      if (p.text !== undefined) v.text = p.text;
      if (p.updatedAt !== undefined) v.updated_at = p.updatedAt;
      return unlessTaken(() => db.updateTable('saved_replies').set(v).where('id', '=', id).execute());
    },
    async delete(id) {
      const r = await db.deleteFrom('saved_replies').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
