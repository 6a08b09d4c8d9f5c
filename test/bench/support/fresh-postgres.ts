import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * A new, empty PostgreSQL database beside the one DATABASE_URL names (same server and user), for one benchmark
 * run: nothing left from an earlier run skews it. `drop` removes it (and ends its connections).
 */
export async function freshPostgres(prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('PostgreSQL runs need DATABASE_URL');
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
