import { posix } from 'node:path';
import { parseFrontMatter } from './front-matter.ts';
import { DEFAULT_LOCALE, localeOfPath } from './locales.ts';
import { type Problem, problem } from './problems.ts';
import { type RenderedArticle, renderMarkdown } from './render-markdown.ts';
import type { SourceFile } from './scan.ts';
import { humanize, slugFromPath, slugifySegment } from './slug.ts';

/** Everything the knowledge base knows about one article after parsing and rendering. */
export interface ParsedArticle extends RenderedArticle {
  relPath: string;
  slug: string;
  title: string;
  description: string;
  tags: string[];
  keywords: string[];
  /** Visitors' questions this article answers (front matter `questions:`), matched by their content words. */
  questions?: string[];
  category: string;
  order: number;
  draft: boolean;
  updated: string | undefined;
  pages: string[];
  /** True when the body has no text at all. */
  empty: boolean;
  /** The article's language: `en` at the top of the folder, `es` under `es/` (see locales.ts). */
  locale?: string;
  /** Set on a translation: the slug of its original, which is also its own slug. */
  translationOf?: string;
  /** Former slugs from the front matter (`aliases:`), as written, each with its file line; see aliases.ts. */
  aliases?: Array<{ text: string; line: number }>;
}

export const DEFAULT_ORDER = 1000;
/** Ends the message of a problem that keeps the file from being published. */
export const ARTICLE_SKIPPED = '; article not published';
export const ROOT_CATEGORY = 'general';

export interface ParseOutcome {
  article?: ParsedArticle;
  problems: Problem[];
}

/** Parses one Markdown file. Fatal problems (bad YAML, no title) leave `article` undefined. */
export function parseArticle(file: SourceFile): ParseOutcome {
  const problems: Problem[] = [];
  const fm = parseFrontMatter(file.text);
  for (const w of fm.warnings) problems.push(problem(file.relPath, w.line, w.message));
  if (fm.error) {
    problems.push(problem(file.relPath, fm.error.line, `${fm.error.message}${ARTICLE_SKIPPED}`));
    return { problems };
  }
  // A translation (`es/returns/x.md`) is read as if it sat at its original's place: same slug, same category.
  const inLocale = localeOfPath(file.relPath);
  const placePath = inLocale?.rest ?? file.relPath;
  if (fm.data.translationOf !== undefined && !inLocale) {
    problems.push(
      problem(
        file.relPath,
        1,
        'front matter "translationOf" is only read in a language folder (es/, de/, fr/); ignored',
        'warning',
      ),
    );
  }
  const slug = inLocale ? slugFromPath(fm.data.translationOf ?? placePath) : slugFromPath(file.relPath);
  if (slug.length === 0) {
    problems.push(problem(file.relPath, 1, `file name gives an empty slug${ARTICLE_SKIPPED}`));
    return { problems };
  }
  const rendered = renderMarkdown(fm.body, file.relPath, fm.bodyLineOffset);
  const title = fm.data.title ?? rendered.h1 ?? '';
  if (title.length === 0) {
    problems.push(
      problem(
        file.relPath,
        1,
        `article has no title (front matter "title" or a first "# heading")${ARTICLE_SKIPPED}`,
      ),
    );
    return { problems };
  }
  const folder = posix.dirname(placePath);
  const category = fm.data.category
    ? slugifySegment(fm.data.category) || ROOT_CATEGORY
    : folder === '.'
      ? ROOT_CATEGORY
      : slugFromPath(folder) || ROOT_CATEGORY;
  const empty = rendered.sections.every((s) => s.text.length === 0);
  if (empty) problems.push(problem(file.relPath, fm.bodyLineOffset + 1, 'article body is empty', 'warning'));
  return {
    problems,
    article: {
      ...rendered,
      relPath: file.relPath,
      slug,
      title,
      description: fm.data.description ?? '',
      tags: fm.data.tags ?? [],
      keywords: fm.data.keywords ?? [],
      questions: fm.data.questions ?? [],
      category,
      order: fm.data.order ?? DEFAULT_ORDER,
      draft: fm.data.draft ?? false,
      updated: fm.data.updated ?? file.modifiedAt,
      pages: fm.data.pages ?? [],
      empty,
      locale: inLocale?.locale ?? DEFAULT_LOCALE,
      ...(inLocale ? { translationOf: slug } : {}),
      ...(fm.data.aliases?.length ? { aliases: aliasLines(fm) } : {}),
    },
  };
}

/** Each alias with the line it is written on (the field's line for `aliases: a, b`). */
function aliasLines(fm: ReturnType<typeof parseFrontMatter>): Array<{ text: string; line: number }> {
  const items = fm.data.aliases ?? [];
  const at = fm.itemLines?.aliases;
  const fallback = fm.lines?.aliases ?? 1;
  return items.map((text, i) => ({
    text,
    line: at && at.length === items.length ? (at[i] ?? fallback) : fallback,
  }));
}

export interface CategoryMeta {
  slug: string;
  title: string;
  description: string;
  order: number;
}

/** Reads a folder's `_category.md`; a missing or broken one falls back to the folder name. */
export function parseCategory(
  folder: string,
  file: SourceFile | undefined,
  problems: Problem[],
): CategoryMeta {
  const slug = folder === '' ? ROOT_CATEGORY : slugFromPath(folder) || ROOT_CATEGORY;
  const meta: CategoryMeta = {
    slug,
    title: humanize(folder.split('/').pop() || ROOT_CATEGORY),
    description: '',
    order: DEFAULT_ORDER,
  };
  if (!file) return meta;
  const fm = parseFrontMatter(file.text);
  for (const w of fm.warnings) problems.push(problem(file.relPath, w.line, w.message));
  if (fm.error) {
    problems.push(problem(file.relPath, fm.error.line, fm.error.message));
    return meta;
  }
  return {
    slug,
    title: fm.data.title ?? meta.title,
    description: fm.data.description ?? (fm.body.trim() || ''),
    order: fm.data.order ?? DEFAULT_ORDER,
  };
}
