import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Aliases, collectAliases } from './aliases.ts';
import { analyserFor } from './analysers/index.ts';
import type { IndexCacheFile } from './cache-files.ts';
import {
  ARTICLE_SKIPPED,
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
import {
  resolveTranslations,
  splitCategoryFiles,
  type TranslationMap,
  validateTranslations,
} from './translations.ts';
import { dedupeSlugs, type ValidateOptions, validateArticles } from './validate.ts';

/** One immutable, fully built state of the knowledge base. Swapped whole, never mutated. */
export interface Snapshot {
  version: string;
  /** Published (non-draft) articles by slug, in display order. */
  articles: Map<string, ParsedArticle>;
  categories: CategoryMeta[];
  index: SearchIndex;
  /** Absolute directories seen, for per-folder watching. */
  directories: string[];
  /** Every problem found while building it, sorted by file and line. */
  problems: Problem[];
  /** Articles whose file no longer parses, still served as they last were (live reload only). */
  stale: StaleArticle[];
  /** Published translations (see locales.ts), by language, then by their original's slug, in display order. */
  translations: Map<string, Map<string, ParsedArticle>>;
  /** One search index per language that has translations, over that language's articles only. */
  localeIndexes: Map<string, SearchIndex>;
  /** Category titles and descriptions from the language folders' `_category.md`, by language then slug. */
  localeCategories: Map<string, Map<string, CategoryMeta>>;
  /** Former slugs (front matter `aliases:`) and the published article each leads to. */
  aliases: Aliases;
}

/** An article whose current file fails to parse: visitors keep seeing its last good version. */
export interface StaleArticle {
  file: string;
  slug: string;
  title: string;
  /** When the last good version was read. */
  since: string;
}

/** What a live reload (and the next start) remembers of a file: its text's hash, its parse, its last good one. */
export interface CachedParse {
  /** SHA-1 of the file's text: the parse is reused while the text is the same. */
  hash: string;
  outcome: ParseOutcome;
  lastGood?: { article: ParsedArticle; at: string };
}

export interface BuildOptions {
  /** Include the shipped English synonym list (default true). */
  synonyms?: boolean;
  /**
   * Parse results of the previous build, by path: a live reload re-parses only files whose text
   * changed (rendering is most of a rebuild). Updated in place.
   */
  parseCache?: Map<string, CachedParse>;
  /** Keeps the search index between starts (see cache-files.ts); unset, it is always built. */
  indexCache?: IndexCacheFile;
  /** Clock for `StaleArticle.since` (tests). */
  now?: () => Date;
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
  const stale: StaleArticle[] = [];
  const now = () => (options.now?.() ?? new Date()).toISOString();
  for (const file of scan.articles) {
    hash.update(file.relPath).update('\0').update(file.text).update('\0');
    const cached = options.parseCache?.get(file.relPath);
    const textHash = createHash('sha1').update(file.text).digest('hex');
    const same = cached?.hash === textHash;
    const outcome = same && cached ? cached.outcome : parseArticle(file);
    const lastGood = outcome.article
      ? same && cached?.lastGood
        ? cached.lastGood
        : { article: outcome.article, at: now() }
      : cached?.lastGood;
    options.parseCache?.set(file.relPath, { hash: textHash, outcome, ...(lastGood ? { lastGood } : {}) });
    if (outcome.article) {
      problems.push(...outcome.problems);
      parsed.push(outcome.article);
    } else if (lastGood) {
      // A typo must not unpublish an article: keep serving the version that last parsed, and say so.
      const { article, at } = lastGood;
      problems.push(...outcome.problems.map((p) => keptProblem(p)));
      stale.push({ file: file.relPath, slug: article.slug, title: article.title, since: at });
      parsed.push(article);
    } else {
      problems.push(...outcome.problems);
    }
  }
  if (options.parseCache) {
    const present = new Set(scan.articles.map((f) => f.relPath));
    for (const path of options.parseCache.keys()) if (!present.has(path)) options.parseCache.delete(path);
  }
  const checked = checkArticles(parsed, { assetExists: (rel) => isFile(join(dir, rel)) });
  const { kept, translated, aliases } = checked;
  problems.push(...checked.problems);

  const groups: string[][] = options.synonyms === false ? [] : ENGLISH_SYNONYMS.map((g) => [...g]);
  const custom = scan.synonyms ? parseSynonymsFile(scan.synonyms.relPath, scan.synonyms.text) : undefined;
  if (scan.synonyms && custom) {
    hash.update(scan.synonyms.text);
    problems.push(...custom.problems);
    groups.push(...custom.groups);
  }
  const categoryProblems: Problem[] = [];
  const published = kept.filter((a) => !a.draft).sort(byOrder);
  const categoryFiles = splitCategoryFiles(scan.categories, categoryProblems);
  const categories = collectCategories(published, categoryFiles.own, categoryProblems);
  for (const f of scan.categories.values()) hash.update(f.relPath).update(f.text);
  problems.push(...categoryProblems);
  const translations = new Map(
    [...translated].map(([locale, bySlug]) => [
      locale,
      new Map([...bySlug.values()].sort(byOrder).map((a) => [a.slug, a])),
    ]),
  );
  const localeIndexes = new Map<string, SearchIndex>();
  for (const [locale, bySlug] of translations) {
    // The shipped synonym list is English; a language's index has the folder's own `_synonyms.yml` only.
    // Each language is analysed with its own stop words and stemmer (English where it has none).
    const table = createSynonymTable(custom?.groups ?? [], analyserFor(locale));
    localeIndexes.set(locale, await SearchIndex.build([...bySlug.values()], table));
  }

  const snapshot: Snapshot = {
    version: hash.digest('hex').slice(0, 16),
    articles: new Map(published.map((a) => [a.slug, a])),
    categories,
    index: options.indexCache
      ? await options.indexCache.index(published, createSynonymTable(groups))
      : await SearchIndex.build(published, createSynonymTable(groups)),
    directories: scan.directories,
    problems: [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line),
    stale,
    translations,
    localeIndexes,
    localeCategories: categoryFiles.byLocale,
    aliases,
  };
  return { snapshot, problems };
}

/**
 * The checks of `kb:check` across articles, in its order: duplicate slugs, links and assets, translations against
 * their originals, aliases. `kept`: the originals left after dropping duplicate slugs.
 */
export function checkArticles(
  parsed: ParsedArticle[],
  assets: ValidateOptions,
): { kept: ParsedArticle[]; translated: TranslationMap; aliases: Aliases; problems: Problem[] } {
  const { kept, problems: duplicates } = dedupeSlugs(parsed.filter((a) => !a.translationOf));
  const problems = [...duplicates, ...validateArticles(kept, assets)];
  const translated = resolveTranslations(
    kept,
    parsed.filter((a) => a.translationOf),
  );
  problems.push(...translated.problems);
  problems.push(...validateTranslations(kept, translated.byLocale, assets));
  const aliases = collectAliases(kept, translated.byLocale);
  problems.push(...aliases.problems);
  return { kept, translated: translated.byLocale, aliases: aliases.aliases, problems };
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

/** The fatal problem of a file whose last good version is kept, worded for what visitors now see. */
function keptProblem(p: Problem): Problem {
  if (p.severity !== 'error' || !p.message.endsWith(ARTICLE_SKIPPED)) return p;
  return { ...p, message: `${p.message.slice(0, -ARTICLE_SKIPPED.length)}; ${LAST_GOOD_KEPT}` };
}

export const LAST_GOOD_KEPT = 'visitors still see the last good version until this is fixed';

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}
