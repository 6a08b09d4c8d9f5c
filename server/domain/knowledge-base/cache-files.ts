import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { IndexBuilder, type IndexParts } from './index-builder.ts';
import type { ParsedArticle } from './parse-article.ts';
import { SearchIndex } from './search-index.ts';
import type { CachedParse } from './snapshot.ts';
import type { SynonymTable } from './synonyms.ts';

/**
 * What a large knowledge base costs to start, kept on disk under DATA_DIR between starts: the parse of every article
 * (`ParseCacheFile`) and the search index (`IndexCacheFile`). Each is used only for exactly the same input and the
 * same code (see `codeKey`); anything unreadable is ignored: a cache can only save work, never change a result.
 */

/**
 * The parse of every article, kept on disk between starts so a large knowledge base is not parsed and rendered
 * again when its files have not changed (rendering is most of a start with thousands of articles). An entry is
 * used only for a file whose text has the same SHA-1, and the whole file only when it was written by the same
 * parsing code: the key hashes this folder's code (the compiled chunk when running from dist/) and markdown-it's
 * and yaml's versions. Anything unreadable is ignored: the cache can only save work, never change a result.
 */
export class ParseCacheFile {
  private readonly key = codeKey();

  constructor(private readonly file: string) {}

  load(): Map<string, CachedParse> {
    try {
      if (!existsSync(this.file)) return new Map();
      const data = JSON.parse(readFileSync(this.file, 'utf8'), revive) as {
        key?: string;
        entries?: Array<[string, CachedParse]>;
      };
      return data.key === this.key && Array.isArray(data.entries) ? new Map(data.entries) : new Map();
    } catch {
      return new Map();
    }
  }

  /** Writes the cache atomically (a new file renamed over the old), readable by the owner only. */
  save(cache: Map<string, CachedParse>): void {
    writeAtomically(this.file, JSON.stringify({ key: this.key, entries: [...cache] }, replace));
  }
}

/**
 * The search index of the published articles, keyed by everything indexing reads from them. Written when a start
 * had to build it, and at shutdown after live rebuilds (writing 5,000 articles' index takes about half a second,
 * which a live rebuild must not spend between chats).
 */
export class IndexCacheFile {
  private readonly key = codeKey();
  private pending: { key: string; parts: IndexBuilder } | undefined;

  constructor(private readonly file: string) {}

  /** The index of `articles`: read from the file when it matches, else built (and kept for `flush`). */
  async index(articles: ParsedArticle[], synonyms: SynonymTable): Promise<SearchIndex> {
    const key = `${this.key}:${inputKey(articles)}`;
    const cached = this.read(key);
    if (cached) return new SearchIndex(articles, synonyms, cached);
    const parts = await SearchIndex.index(articles);
    this.pending = { key, parts };
    return new SearchIndex(articles, synonyms, parts);
  }

  /** Writes the last built index, if one was built since the last write. */
  flush(): void {
    if (!this.pending) return;
    const { key, parts } = this.pending;
    this.pending = undefined;
    writeAtomically(this.file, JSON.stringify({ key, parts: parts.toJSON() }));
  }

  private read(key: string): IndexBuilder | undefined {
    try {
      if (!existsSync(this.file)) return undefined;
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { key?: string; parts?: IndexParts };
      return data.key === key && data.parts ? IndexBuilder.fromJSON(data.parts) : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A hash of every field indexing reads, in order: the same hash, the same index. */
function inputKey(articles: ParsedArticle[]): string {
  const hash = createHash('sha1');
  for (const a of articles) {
    hash.update(a.slug).update('\0').update(a.title).update('\0').update(a.description).update('\0');
    hash.update(a.tags.join('\n')).update('\0').update(a.keywords.join('\n')).update('\0');
    hash.update((a.questions ?? []).join('\n')).update('\0');
    for (const s of a.sections)
      hash
        .update(s.heading ?? '')
        .update('\u0002')
        .update(s.text)
        .update('\u0003');
  }
  return hash.digest('hex');
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, file);
}

/** Sets (an article's heading ids) survive the round trip through JSON. */
function replace(_key: string, value: unknown): unknown {
  return value instanceof Set ? { $set: [...value] } : value;
}
function revive(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$set' in value) {
    const items = (value as { $set: unknown }).$set;
    if (Array.isArray(items)) return new Set(items);
  }
  return value;
}

/** This folder's code (its subfolders too; from dist/, the compiled chunks) and the parsers' versions. */
let codeKeyMemo: string | undefined;
function codeKey(): string {
  if (codeKeyMemo) return codeKeyMemo;
  const hash = createHash('sha1');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|js|mjs)$/.test(entry.name)) hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(import.meta.dirname);
  const require = createRequire(import.meta.url);
  for (const pkg of ['markdown-it/package.json', 'yaml/package.json']) {
    try {
      hash.update((require(pkg) as { version: string }).version);
    } catch {
      hash.update(pkg);
    }
  }
  codeKeyMemo = hash.digest('hex');
  return codeKeyMemo;
}
