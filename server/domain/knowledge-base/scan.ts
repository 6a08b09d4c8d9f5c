import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type Problem, problem } from './problems.ts';

/** Articles larger than this are refused: a help article is never that big, a stray export is. */
export const MAX_ARTICLE_BYTES = 1024 * 1024;

export interface SourceFile {
  /** Relative to the root, `/`-separated. */
  relPath: string;
  text: string;
  /** When the file last changed: the article's `updatedAt` when its front matter names no `updated` date. */
  modifiedAt?: string;
}

export interface ScanResult {
  articles: SourceFile[];
  /** `_category.md` files, keyed by the folder they describe ('' for the root). */
  categories: Map<string, SourceFile>;
  synonyms: SourceFile | undefined;
  /** Every directory visited (absolute), for watchers that watch folder by folder. */
  directories: string[];
  problems: Problem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Walks the knowledge-base folder. Never throws for a bad file: it becomes a problem instead. */
export async function scanKnowledgeBase(root: string): Promise<ScanResult> {
  const realRoot = await realpath(root);
  const result: ScanResult = {
    articles: [],
    categories: new Map(),
    synonyms: undefined,
    directories: [],
    problems: [],
  };
  const visited = new Set<string>();
  const pending: PendingFile[] = [];
  await walk(realRoot, realRoot, result, visited, pending);
  // Read files concurrently (bounded): thousands of sequential reads dominate a large load.
  const texts = await mapLimit(pending, 32, (f) => readText(f.abs, f.rel, result.problems));
  pending.forEach((f, i) => {
    const file = texts[i];
    if (!file) return;
    if (f.kind === 'synonyms') result.synonyms = file;
    else if (f.kind === 'category') result.categories.set(f.rel.split('/').slice(0, -1).join('/'), file);
    else result.articles.push(file);
  });
  result.problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  result.articles.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
  return result;
}

interface PendingFile {
  abs: string;
  rel: string;
  kind: 'article' | 'category' | 'synonyms';
}

async function walk(
  dir: string,
  realRoot: string,
  out: ScanResult,
  visited: Set<string>,
  pending: PendingFile[],
): Promise<void> {
  const realDir = await realpath(dir);
  if (visited.has(realDir)) return;
  visited.add(realDir);
  out.directories.push(dir);
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const abs = join(dir, entry.name);
    const rel = relative(realRoot, abs).split(sep).join('/');
    const name = entry.name;
    const isCategory = name === '_category.md';
    const isSynonyms = rel === '_synonyms.yml' || rel === '_synonyms.yaml';
    if (name.startsWith('.') || (name.startsWith('_') && !isCategory && !isSynonyms)) continue;
    const info = await lstat(abs).catch(() => undefined);
    if (!info) continue;
    let isDir = info.isDirectory();
    if (info.isSymbolicLink()) {
      const target = await realpath(abs).catch(() => undefined);
      if (target === undefined || !isInside(realRoot, target)) {
        const targetIsDir =
          target !== undefined && (await stat(target).catch(() => undefined))?.isDirectory();
        if (targetIsDir || /\.md$/i.test(name)) {
          out.problems.push(problem(rel, 1, 'symbolic link points outside the knowledge base; skipped'));
        }
        continue;
      }
      isDir = (await stat(abs).catch(() => undefined))?.isDirectory() ?? false;
    }
    if (isDir) {
      await walk(abs, realRoot, out, visited, pending);
      continue;
    }
    if (isSynonyms) pending.push({ abs, rel, kind: 'synonyms' });
    else if (/\.md$/i.test(name) && !/^readme\.md$/i.test(name))
      pending.push({ abs, rel, kind: isCategory ? 'category' : 'article' });
  }
}

async function readText(abs: string, rel: string, problems: Problem[]): Promise<SourceFile | undefined> {
  const info = await stat(abs).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  if (info.size > MAX_ARTICLE_BYTES) {
    problems.push(problem(rel, 1, `file is ${info.size} bytes, larger than the 1 MB limit; skipped`));
    return undefined;
  }
  const bytes = await readFile(abs).catch(() => undefined);
  if (!bytes) return undefined;
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    problems.push(
      problem(rel, lineAt(bytes, nul), 'file contains NUL bytes (binary, not Markdown); skipped'),
    );
    return undefined;
  }
  try {
    return {
      relPath: rel,
      text: utf8.decode(bytes).replace(/^\uFEFF/, ''),
      modifiedAt: info.mtime.toISOString(),
    };
  } catch {
    problems.push(problem(rel, 1, 'file is not valid UTF-8; skipped'));
    return undefined;
  }
}

function lineAt(bytes: Buffer, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 10) line++;
  return line;
}

function isInside(root: string, target: string): boolean {
  return target === root || target.startsWith(root + sep);
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
