import { type DatabaseTarget, openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';
import { createMemoryStore } from '../../server/storage/memory-store.ts';
import type { Store } from '../../server/storage/store.ts';

/** The databases the storage contract runs against: SQLite always, Postgres when DATABASE_URL is set (CI sets it). */
export function databaseTargets(): Array<{ name: string; target: () => DatabaseTarget }> {
  const targets: Array<{ name: string; target: () => DatabaseTarget }> = [
    { name: 'sqlite', target: () => ({ kind: 'sqlite', file: ':memory:' }) },
  ];
  const url = process.env.DATABASE_URL;
  if (url) targets.push({ name: 'postgres', target: () => ({ kind: 'postgres', url }) });
  return targets;
}

export interface OpenStore {
  store: Store;
  close(): Promise<void>;
}

/** Every Store implementation: the in-memory twin, then each database above through Kysely. */
export function storeTargets(): Array<{ name: string; open: () => Promise<OpenStore> }> {
  return [
    { name: 'memory', open: async () => ({ store: createMemoryStore(), close: async () => {} }) },
    ...databaseTargets().map(({ name, target }) => ({
      name,
      open: async () => {
        const handle = await openDatabase(target());
        return { store: createKyselyStore(handle.db), close: () => handle.close() };
      },
    })),
  ];
}

/**
 * The same store, except that inside a transaction `aggregate.method` fails, as a crash or a full disk
 * would fail that write: what the transaction wrote before it must not remain.
 */
export function failingInTransaction<A extends Exclude<keyof Store, 'transaction'>>(
  store: Store,
  aggregate: A,
  method: keyof Store[A],
): Store {
  return {
    ...store,
    transaction: (fn) =>
      store.transaction((tx) =>
        fn({
          ...tx,
          [aggregate]: {
            ...tx[aggregate],
            [method]: async () => {
              throw new Error(`${aggregate}.${String(method)} failed`);
            },
          },
        }),
      ),
  };
}
