import type { ParsedArticle } from './parse-article.ts';
import { type Problem, problem } from './problems.ts';

/**
 * Content checks shared by the loader (which logs them) and `npm run kb:check` (which fails on errors).
 * Pure: the only outside knowledge it needs, whether an image file exists, is passed in.
 */

/** Keeps the first article for each slug (files are sorted by path); later ones are reported and dropped. */
export function dedupeSlugs(articles: ParsedArticle[]): { kept: ParsedArticle[]; problems: Problem[] } {
  const bySlug = new Map<string, ParsedArticle>();
  const problems: Problem[] = [];
  for (const article of articles) {
    const existing = bySlug.get(article.slug);
    if (existing) {
      problems.push(
        problem(
          article.relPath,
          1,
          `duplicate slug "${article.slug}" (already used by ${existing.relPath}); article not published`,
        ),
      );
      continue;
    }
    bySlug.set(article.slug, article);
  }
  return { kept: [...bySlug.values()], problems };
}

export interface ValidateOptions {
  /** True when `relPath` (relative to the knowledge-base root) is an existing file. */
  assetExists: (relPath: string) => boolean;
}

/** Checks links between articles (and their anchors), in-page anchors and images. */
export function validateArticles(articles: ParsedArticle[], options: ValidateOptions): Problem[] {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const problems: Problem[] = [];
  for (const article of articles) {
    for (const link of article.links) {
      const target = bySlug.get(link.slug);
      if (!target) {
        problems.push(problem(article.relPath, link.line, `broken link: no article "${link.slug}"`));
      } else if (target.draft && !article.draft) {
        problems.push(problem(article.relPath, link.line, `link to draft article "${link.slug}"`, 'warning'));
      } else if (link.anchor && !target.headingIds.has(link.anchor)) {
        problems.push(
          problem(article.relPath, link.line, `broken link: "${link.slug}" has no heading "#${link.anchor}"`),
        );
      }
    }
    for (const local of article.localAnchors) {
      if (!article.headingIds.has(local.anchor)) {
        problems.push(
          problem(article.relPath, local.line, `broken link: no heading "#${local.anchor}" in this article`),
        );
      }
    }
    for (const image of article.images) {
      if (image.path === undefined) {
        problems.push(
          problem(
            article.relPath,
            image.line,
            `image "${image.src}" is outside the knowledge base or not png/jpg/gif/webp/svg`,
          ),
        );
      } else if (!options.assetExists(image.path)) {
        problems.push(problem(article.relPath, image.line, `missing image "${image.src}"`));
      }
    }
  }
  return problems;
}

export function countBySeverity(problems: Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}
