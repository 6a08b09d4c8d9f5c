import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database as BetterSqlite } from 'better-sqlite3';

/** How often the checkpointer looks at the log when it last found nothing left to copy. */
const EVERY_MS = 100;
/**
 * The server's own connection still checkpoints once the log is this long (pages): a floor that keeps the log
 * bounded if the checkpointer falls behind or stops. It copies only what the checkpointer has not.
 */
const INLINE_AFTER_PAGES = 10_000;
/** SQLite's default, back in force when the checkpointer cannot run. */
const DEFAULT_INLINE_PAGES = 1000;

/**
 * The checkpointer's thread: its own connection, copying the write-ahead log back into the database file (a
 * passive checkpoint never blocks the server's writes), at once again while writes keep landing.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const SQLite = require(workerData.lib);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 0');
let timer;
const pass = () => {
  let behind = false;
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    behind = r.log > r.checkpointed;
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
  timer = setTimeout(pass, behind ? 5 : workerData.everyMs);
};
pass();
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearTimeout(timer);
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

export interface Checkpointer {
  /** Stops the thread and closes its connection (before the server's own closes, which then tidies the log). */
  stop(): Promise<void>;
}

/**
 * Checkpoints a WAL-mode SQLite file on a thread of its own. SQLite checkpoints on the connection that commits,
 * every 1,000 pages of log: under chat traffic (five or so pages a message) that was many times a second, each
 * copying megabytes and syncing the file on the event loop, the largest single stall behind the slowest
 * acknowledgements. The server's connection keeps a far-off limit as a floor; when the thread fails, SQLite's own
 * checkpoints are back at once.
 */
export function startCheckpointer(
  file: string,
  sqlite: BetterSqlite,
  warn: (message: string, err?: unknown) => void,
): Checkpointer {
  const inline = (pages: number) => {
    try {
      if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${pages}`);
    } catch {
      // a closed or failing connection checkpoints nothing either way
    }
  };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { lib: createRequire(import.meta.url).resolve('better-sqlite3'), file, everyMs: EVERY_MS },
    });
  } catch (err) {
    warn('the checkpoint thread did not start: SQLite checkpoints as it commits', err);
    return { stop: async () => {} };
  }
  worker.unref();
  inline(INLINE_AFTER_PAGES);
  let stopping = false;
  let lastError = '';
  worker.on('message', (m: { error?: string }) => {
    if (m.error && m.error !== lastError) warn(`checkpoint failed: ${m.error}`);
    lastError = m.error ?? '';
  });
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (!stopping) {
        warn('the checkpoint thread ended: SQLite checkpoints as it commits');
        inline(DEFAULT_INLINE_PAGES);
      }
      resolve();
    });
  });
  worker.on('error', (err) => warn('the checkpoint thread failed', err));
  return {
    async stop() {
      if (stopping) return exited;
      stopping = true;
      worker.postMessage('stop');
      const stopped = new Promise<void>((resolve) =>
        worker.on('message', (m: { stopped?: boolean }) => m.stopped && resolve()),
      );
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
      await Promise.race([stopped, timeout, exited]);
      await worker.terminate();
      inline(DEFAULT_INLINE_PAGES);
    },
  };
}
