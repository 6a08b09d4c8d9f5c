import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CategoryMeta,
  type ParsedArticle,
  type ParseOutcome,
  parseArticle,
  parseCategory,
} from './parse-article.ts';
import type { Problem } from './problems.ts';
import { scanKnowledgeBase } from './scan.ts';
import { SearchIndex } from './search-index.ts';
import { createSynonymTable, parseSynonymsFile } from './synonyms.ts';
import { ENGLISH_SYNONYMS } from './synonyms-en.ts';
import { dedupeSlugs, validateArticles } from './validate.ts';

/** One immutable, fully built state of the knowledge base. Swapped whole, never mutated. */
export interface Snapshot {
  version: string;
  /** Published (non-draft) articles by slug, in display order. */
  articles: Map<string, ParsedArticle>;
  categories: CategoryMeta[];
  index: SearchIndex;
  /** Absolute directories seen, for per-folder watching. */
  directories: string[];
}

export interface BuildOptions {
  /** Include the shipped English synonym list (default true). */
  synonyms?: boolean;
  /**
   * Parse results of the previous build, by path: a live reload re-parses only files whose text
   * changed (rendering is most of a rebuild). Updated in place.
   */
  parseCache?: Map<string, { text: string; outcome: ParseOutcome }>;
}

/** Reads, parses, validates and indexes a knowledge-base folder. Bad files become problems, never exceptions. */
export async function buildSnapshot(
  dir: string,
  options: BuildOptions = {},
): Promise<{ snapshot: Snapshot; problems: Problem[] }> {
  const scan = await scanKnowledgeBase(dir);
  const problems: Problem[] = [...scan.problems];
  const hash = createHash('sha1');
  const parsed: ParsedArticle[] = [];
  for (const file of scan.articles) {
    hash.update(file.relPath).update('\0').update(file.text).update('\0');
    const cached = options.parseCache?.get(file.relPath);
    const outcome = cached?.text === file.text ? cached.outcome : parseArticle(file);
    options.parseCache?.set(file.relPath, { text: file.text, outcome });
    problems.push(...outcome.problems);
    if (outcome.article) parsed.push(outcome.article);
  }
  if (options.parseCache) {
    const present = new Set(scan.articles.map((f) => f.relPath));
    for (const path of options.parseCache.keys()) if (!present.has(path)) options.parseCache.delete(path);
  }
  const { kept, problems: duplicates } = dedupeSlugs(parsed);
  problems.push(...duplicates);
  problems.push(...validateArticles(kept, { assetExists: (rel) => isFile(join(dir, rel)) }));

  const groups: string[][] = options.synonyms === false ? [] : ENGLISH_SYNONYMS.map((g) => [...g]);
  if (scan.synonyms) {
    hash.update(scan.synonyms.text);
    const custom = parseSynonymsFile(scan.synonyms.relPath, scan.synonyms.text);
    problems.push(...custom.problems);
    groups.push(...custom.groups);
  }
  const categoryProblems: Problem[] = [];
  const published = kept.filter((a) => !a.draft).sort(byOrder);
  const categories = collectCategories(published, scan.categories, categoryProblems);
  for (const f of scan.categories.values()) hash.update(f.relPath).update(f.text);
  problems.push(...categoryProblems);

  const snapshot: Snapshot = {
    version: hash.digest('hex').slice(0, 16),
    articles: new Map(published.map((a) => [a.slug, a])),
    categories,
    index: await SearchIndex.build(published, createSynonymTable(groups)),
    directories: scan.directories,
  };
  return { snapshot, problems };
}

function collectCategories(
  articles: ParsedArticle[],
  files: Map<string, import('./scan.ts').SourceFile>,
  problems: Problem[],
): CategoryMeta[] {
  const bySlug = new Map<string, CategoryMeta>();
  for (const [folder, file] of files) {
    const meta = parseCategory(folder, file, problems);
    bySlug.set(meta.slug, meta);
  }
  for (const a of articles) {
    if (!bySlug.has(a.category))
      bySlug.set(a.category, parseCategory(a.category === 'general' ? '' : a.category, undefined, problems));
  }
  const used = new Set(articles.map((a) => a.category));
  return [...bySlug.values()].filter((c) => used.has(c.slug)).sort(byOrder);
}

function byOrder(a: { order: number; title: string }, b: { order: number; title: string }): number {
  return a.order - b.order || a.title.localeCompare(b.title);
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
