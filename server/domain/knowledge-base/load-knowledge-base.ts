import { join } from 'node:path';
import type { Logger } from '../../lib/logger.ts';
import { IndexCacheFile, ParseCacheFile } from './cache-files.ts';
import { SnapshotKnowledgeBase } from './knowledge-base.ts';
import { formatProblem, type Problem } from './problems.ts';
import { buildSnapshot, type CachedParse, type Snapshot } from './snapshot.ts';
import type { KnowledgeBase } from './types.ts';
import { DebouncedWatcher } from './watcher.ts';

export interface LoadOptions {
  dir: string;
  logger: Logger;
  /** Rebuild on file changes (default false). */
  watch?: boolean;
  /** Use the shipped English synonym list (default true); `_synonyms.yml` in the folder always applies. */
  synonyms?: boolean;
  /**
   * A folder (under DATA_DIR) where the parse of every article and the search index are kept between starts;
   * unset, every start parses and indexes every file. See cache-files.ts.
   */
  cacheDir?: string;
  /** Watcher timings, for tests. */
  debounceMs?: number;
  maxWaitMs?: number;
}

/**
 * Loads the knowledge base from Markdown files. Broken files are logged (`file:line: problem`)
 * and skipped; they never stop the others. With `watch`, edits are picked up by rebuilding a
 * whole new snapshot off to the side and swapping it in, so a search never sees half an index.
 */
export async function loadKnowledgeBase(opts: LoadOptions): Promise<KnowledgeBase> {
  const logger = opts.logger.child({ module: 'knowledge-base' });
  const cacheFile = opts.cacheDir ? new ParseCacheFile(join(opts.cacheDir, 'parsed.json')) : undefined;
  const indexCache = opts.cacheDir ? new IndexCacheFile(join(opts.cacheDir, 'index.json')) : undefined;
  const parseCache: Map<string, CachedParse> = cacheFile?.load() ?? new Map();
  let saved = hashes(parseCache);
  /** Keeps the cache files in step with what was parsed and indexed, when anything was. */
  const persist = () => {
    if (!cacheFile) return;
    const now = hashes(parseCache);
    try {
      indexCache?.flush();
      if (now === saved) return;
      cacheFile.save(parseCache);
      saved = now;
    } catch (error) {
      logger.warn(
        { err: error },
        'cannot write the knowledge-base cache; the next start parses and indexes every file',
      );
    }
  };
  const build = () =>
    buildSnapshot(opts.dir, {
      synonyms: opts.synonyms ?? true,
      parseCache,
      ...(indexCache ? { indexCache } : {}),
    });
  const first = await build();
  persist();
  let snapshot: Snapshot = first.snapshot;
  let logged = logProblems(logger, first.problems, new Set());
  logger.info({ articles: snapshot.articles.size, version: snapshot.version }, 'knowledge base loaded');

  let watcher: DebouncedWatcher | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const rebuild = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          const next = await build();
          snapshot = next.snapshot;
          logged = logProblems(logger, next.problems, logged);
          logStale(logger, next.snapshot);
          watcher?.setDirectories(next.snapshot.directories);
          logger.info(
            { articles: snapshot.articles.size, version: snapshot.version },
            'knowledge base reloaded',
          );
        } catch (error) {
          // The folder may be mid-rename or gone; keep serving the last good snapshot.
          logger.error({ err: error }, 'knowledge base reload failed; keeping the previous version');
        }
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  if (opts.watch) {
    watcher = new DebouncedWatcher(opts.dir, () => void rebuild(), {
      debounceMs: opts.debounceMs,
      maxWaitMs: opts.maxWaitMs,
      onError: (error) => logger.warn({ err: error }, 'knowledge base watcher error'),
    });
    watcher.setDirectories(snapshot.directories);
  }

  return new SnapshotKnowledgeBase(
    opts.dir,
    () => snapshot,
    async () => {
      watcher?.close();
      await running;
      persist();
    },
    rebuild,
  );
}

/** One string naming every cached file and its text's hash: equal strings, nothing new to save. */
function hashes(cache: Map<string, CachedParse>): string {
  return [...cache].map(([path, c]) => `${path}\0${c.hash}`).join('\n');
}

/** Says loudly, on every reload while it lasts, which articles are served from their last good version. */
function logStale(logger: Logger, snapshot: Snapshot): void {
  for (const s of snapshot.stale) {
    logger.error(
      { file: s.file, slug: s.slug, since: s.since },
      `${s.file} no longer parses: visitors still see its last good version (from ${s.since}); run npm run kb:check`,
    );
  }
}

/** Logs problems not logged before (so a rebuild does not repeat every old warning). */
function logProblems(logger: Logger, problems: Problem[], previous: Set<string>): Set<string> {
  const now = new Set<string>();
  for (const p of problems) {
    const line = formatProblem(p);
    now.add(line);
    if (previous.has(line)) continue;
    logger.warn({ file: p.file, line: p.line, severity: p.severity }, line);
  }
  return now;
}
