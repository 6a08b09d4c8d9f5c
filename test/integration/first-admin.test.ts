import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { composeServices } from '../../server/compose.ts';
import { randomIds } from '../../server/lib/ids.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { type DatabaseTarget, openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';
import { databaseTargets } from '../support/database.ts';
import { FIXTURE_KB } from '../support/server.ts';

/** An empty database of its own: a scratch SQLite file, or a new PostgreSQL database beside the test one. */
async function emptyDatabase(kind: 'sqlite' | 'postgres') {
  if (kind === 'sqlite') {
    const file = join(mkdtempSync(join(tmpdir(), 'parley-first-admin-')), 'parley.sqlite');
    return { target: { kind, file } satisfies DatabaseTarget, drop: async () => {} };
  }
  const name = `parley_first_admin_${randomIds.id()}`.toLowerCase();
  const admin = await openDatabase({ kind, url: process.env.DATABASE_URL ?? '' });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  const drop = async () => {
    await sql`drop database ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  };
  return { target: { kind, url: url.toString() } satisfies DatabaseTarget, drop };
}

for (const { name, target } of databaseTargets()) {
  it(`makes the first admin once when two nodes start together on an empty ${name} database`, async () => {
    const empty = await emptyDatabase(target().kind);
    try {
      const start = () =>
        composeServices({ database: empty.target, kbDir: FIXTURE_KB, logger: silentLogger() });
      // PostgreSQL: both migrate the empty database at once (under Kysely's advisory lock). SQLite serves one
      // process at a time while migrating, so there the second opens the migrated file.
      const [first, second] =
        name === 'postgres' ? await Promise.all([start(), start()]) : [await start(), await start()];
      const nodes = [first, second];
      // Both create the admin from the same environment, at once.
      try {
        const made = await Promise.all(
          nodes.map((n) => n.services.agents.bootstrapAdmin('Owner@Example.com', 'a long first password')),
        );
        expect(made.filter(Boolean)).toHaveLength(1);
        const agents = await createKyselyStore(first.database.db).agents.list();
        expect(agents.map((a) => [a.email, a.role])).toEqual([['owner@example.com', 'admin']]);
        // A later start finds an admin and makes none.
        expect(
          await second.services.agents.bootstrapAdmin('Owner@Example.com', 'a long first password'),
        ).toBe(false);
      } finally {
        await Promise.all(nodes.map((n) => n.close()));
      }
    } finally {
      await empty.drop();
    }
  });
}
