import type { DatabaseTarget } from '../../server/storage/connect.ts';

/** The databases the storage contract runs against: SQLite always, Postgres when DATABASE_URL is set (CI sets it). */
export function databaseTargets(): Array<{ name: string; target: () => DatabaseTarget }> {
  const targets: Array<{ name: string; target: () => DatabaseTarget }> = [
    { name: 'sqlite', target: () => ({ kind: 'sqlite', file: ':memory:' }) },
  ];
  const url = process.env.DATABASE_URL;
  if (url) targets.push({ name: 'postgres', target: () => ({ kind: 'postgres', url }) });
  return targets;
}
