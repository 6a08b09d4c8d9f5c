import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ErrorCode } from '../../protocol/errors.ts';
import { DomainError } from '../errors.ts';
import { ARTICLE_SKIPPED, type ParsedArticle, parseArticle } from '../knowledge-base/parse-article.ts';
import type { Problem } from '../knowledge-base/problems.ts';
import { MAX_ARTICLE_BYTES, type SourceFile, scanKnowledgeBase } from '../knowledge-base/scan.ts';
import { SLUG_PATTERN, slugFromPath } from '../knowledge-base/slug.ts';
import { validateArticles } from '../knowledge-base/validate.ts';

export type ArticleStatus = 'published' | 'draft' | 'broken';

export interface EditorListItem {
  slug: string;
  relPath: string;
  title: string;
  category: string;
  status: ArticleStatus;
  /** The first error, for a broken article. */
  problem?: { line: number; message: string };
}

export interface EditorSource {
  slug: string;
  relPath: string;
  text: string;
  /** Hash of the text on disk: a save must name the version it started from. */
  version: string;
}

export const versionOf = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * Edits the knowledge base's Markdown files in place: the files stay the source of truth. A save is refused
 * when the file changed since the editor read it (conflict) or when `kb:check` finds an error in it
 * (validation_failed, with the line); otherwise it is written atomically and the index rebuilt.
 */
export class KnowledgeBaseEditor {
  constructor(
    private readonly root: string,
    private readonly reload: () => Promise<void>,
  ) {}

  async list(): Promise<EditorListItem[]> {
    const { articles, problemsByFile } = await this.parseAll(await this.files());
    return articles.map(({ file, article }) => {
      const first = problemsByFile.get(file.relPath)?.find((p) => p.severity === 'error');
      const status: ArticleStatus = !article || first ? 'broken' : article.draft ? 'draft' : 'published';
      return {
        slug: article?.slug ?? slugFromPath(file.relPath),
        relPath: file.relPath,
        title: article?.title ?? file.relPath,
        category: article?.category ?? '',
        status,
        ...(first ? { problem: { line: first.line, message: first.message } } : {}),
      };
    });
  }

  async read(slug: string): Promise<EditorSource> {
    const file = (await this.files()).find((f) => slugFromPath(f.relPath) === checkSlug(slug));
    if (!file) throw new DomainError(ErrorCode.notFound, 'No article with this slug');
    return { slug, relPath: file.relPath, text: file.text, version: versionOf(file.text) };
  }

  /** Problems `kb:check` would report in this article if it were saved with `text`. */
  async check(slug: string, text: string): Promise<Problem[]> {
    const files = await this.files();
    const existing = files.find((f) => slugFromPath(f.relPath) === checkSlug(slug));
    const relPath = existing?.relPath ?? `${slug}.md`;
    const next = [...files.filter((f) => f.relPath !== relPath), { relPath, text }];
    const { problemsByFile } = await this.parseAll(next);
    return problemsByFile.get(relPath) ?? [];
  }

  /** The article as visitors would see it (the same render the pages and the widget use), and its problems. */
  async preview(slug: string, text: string): Promise<{ title: string; html: string; problems: Problem[] }> {
    const problems = await this.check(slug, text);
    const article = parseArticle({ relPath: `${slug}.md`, text }).article;
    return { title: article?.title ?? '', html: article?.html ?? '', problems };
  }

  /** Saves `text`; `baseVersion` is the version read, or null to create a new article. Returns the new version. */
  async save(slug: string, text: string, baseVersion: string | null): Promise<EditorSource> {
    checkSlug(slug);
    if (Buffer.byteLength(text) > MAX_ARTICLE_BYTES) {
      throw new DomainError(ErrorCode.validation, 'The article is larger than 1 MB');
    }
    const files = await this.files();
    const existing = files.find((f) => slugFromPath(f.relPath) === slug);
    if (existing ? versionOf(existing.text) !== baseVersion : baseVersion !== null) {
      throw new DomainError(
        ErrorCode.conflict,
        existing
          ? 'This article changed on disk since you opened it: merge the changes before saving'
          : 'This article no longer exists on disk',
      );
    }
    const errors = (await this.check(slug, text)).filter((p) => p.severity === 'error');
    if (errors.length > 0) {
      throw new DomainError(
        ErrorCode.validation,
        `Not saved: ${errors[0]?.message.replace(ARTICLE_SKIPPED, '')} (line ${errors[0]?.line})`,
        errors.map((p) => ({ path: `line ${p.line}`, message: p.message.replace(ARTICLE_SKIPPED, '') })),
      );
    }
    const relPath = existing?.relPath ?? `${slug}.md`;
    await writeAtomically(join(this.root, relPath), text);
    await this.reload();
    return { slug, relPath, text, version: versionOf(text) };
  }

  private async files(): Promise<SourceFile[]> {
    return (await scanKnowledgeBase(this.root)).articles;
  }

  private async parseAll(files: SourceFile[]) {
    const problemsByFile = new Map<string, Problem[]>();
    const add = (p: Problem) => problemsByFile.set(p.file, [...(problemsByFile.get(p.file) ?? []), p]);
    const articles: Array<{ file: SourceFile; article: ParsedArticle | undefined }> = [];
    for (const file of files) {
      const outcome = parseArticle(file);
      outcome.problems.forEach(add);
      articles.push({ file, article: outcome.article });
    }
    const parsed = articles.flatMap((a) => (a.article ? [a.article] : []));
    validateArticles(parsed, { assetExists: (rel) => existsSync(join(this.root, rel)) }).forEach(add);
    articles.sort((a, b) => a.file.relPath.localeCompare(b.file.relPath));
    return { articles, problemsByFile };
  }
}

function checkSlug(slug: string): string {
  if (!SLUG_PATTERN.test(slug) || slug.length > 200) {
    throw new DomainError(ErrorCode.validation, 'A slug is lowercase words and hyphens, folders split by /');
  }
  return slug;
}

/** Writes beside the file, then renames over it: readers (and the watcher) never see half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
