import { posix } from 'node:path';
import { parseFrontMatter } from './front-matter.ts';
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
  const slug = slugFromPath(file.relPath);
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
  const folder = posix.dirname(file.relPath);
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
    },
  };
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
