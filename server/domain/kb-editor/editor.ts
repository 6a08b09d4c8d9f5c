import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode } from '../../protocol/errors.ts';
import { DomainError } from '../errors.ts';
import { DEFAULT_LOCALE, localeOfPath } from '../knowledge-base/locales.ts';
import { ARTICLE_SKIPPED, type ParsedArticle, parseArticle } from '../knowledge-base/parse-article.ts';
import type { Problem } from '../knowledge-base/problems.ts';
import { MAX_ARTICLE_BYTES, type SourceFile, scanKnowledgeBase } from '../knowledge-base/scan.ts';
import { isValidSlug, slugFromPath } from '../knowledge-base/slug.ts';
import { checkArticles } from '../knowledge-base/snapshot.ts';
import { withMoveAliases } from './aliases.ts';
import { insideRoot, writeAtomically } from './files.ts';
import type { GitAuthor } from './git.ts';
import { gitTopLevel } from './git.ts';
import {
  type ArticleHistory,
  type ArticleVersion,
  type Change,
  FolderHistory,
  GitHistory,
} from './history.ts';
import { IMAGE_FOLDER, imageMarkdown, MAX_IMAGE_BYTES, safeImageName, sniffImage } from './images.ts';
import { relinkMoved, relinkTo } from './relink.ts';

export type ArticleStatus = 'published' | 'draft' | 'broken';

export interface EditorListItem {
  slug: string;
  relPath: string;
  title: string;
  category: string;
  status: ArticleStatus;
  /** A translation's language (`es` for a file under `es/`); absent for the default language. */
  locale?: string;
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

export type Author = GitAuthor;

export const versionOf = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * Edits the knowledge base's Markdown files in place: the files stay the source of truth. A change is refused
 * when the file changed since the editor read it (conflict) or when `kb:check` would find a new error
 * (validation_failed, with the line); otherwise it is written atomically, recorded in the history (a git
 * commit by the editor when the folder is a git repository) and the index rebuilt.
 */
export class KnowledgeBaseEditor {
  private queue: Promise<unknown> = Promise.resolve();
  /** Each file's last parse by path, reused while its text is the same: a preview re-parses only the one edited. */
  private readonly parsed = new Map<string, { key: string; outcome: ReturnType<typeof parseArticle> }>();

  constructor(
    private readonly root: string,
    private readonly reload: () => Promise<void>,
    readonly history: ArticleHistory = new FolderHistory(root),
    private readonly onHistoryError: (error: unknown) => void = () => undefined,
  ) {}

  /** Git history when the folder is the top of its own git repository, copies under `.history/` otherwise. */
  static async open(
    root: string,
    reload: () => Promise<void>,
    onHistoryError?: (error: unknown) => void,
  ): Promise<KnowledgeBaseEditor> {
    const real = await realpath(root);
    const top = await gitTopLevel(real);
    const history = top && (await realpath(top)) === real ? new GitHistory(real) : new FolderHistory(real);
    return new KnowledgeBaseEditor(real, reload, history, onHistoryError);
  }

  async list(): Promise<EditorListItem[]> {
    const { articles, problemsByFile } = await this.parseAll(await this.files());
    return articles.map(({ file, article }) => {
      const first = problemsByFile.get(file.relPath)?.find((p) => p.severity === 'error');
      const status: ArticleStatus = !article || first ? 'broken' : article.draft ? 'draft' : 'published';
      return {
        // The file's own slug (what read, save and move take): a translation's differs from its article's.
        slug: slugFromPath(file.relPath),
        ...(article?.locale && article.locale !== DEFAULT_LOCALE ? { locale: article.locale } : {}),
        relPath: file.relPath,
        title: article?.title ?? file.relPath,
        category: article?.category ?? '',
        status,
        ...(first ? { problem: { line: first.line, message: first.message } } : {}),
      };
    });
  }

  async read(slug: string): Promise<EditorSource> {
    const file = await this.find(slug);
    if (!file) throw new DomainError(ErrorCode.notFound, 'No article with this slug');
    return { slug, relPath: file.relPath, text: file.text, version: versionOf(file.text) };
  }

  /** Problems `kb:check` would report in this article if it were saved with `text`. */
  async check(slug: string, text: string): Promise<Problem[]> {
    return this.checkIn(await this.files(), slug, text);
  }

  private async checkIn(files: SourceFile[], slug: string, text: string): Promise<Problem[]> {
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
  save(slug: string, text: string, baseVersion: string | null, author: Author, message?: string) {
    return this.exclusive(async (): Promise<EditorSource> => {
      checkSlug(slug);
      if (Buffer.byteLength(text) > MAX_ARTICLE_BYTES) {
        throw new DomainError(ErrorCode.validation, 'The article is larger than 1 MB');
      }
      // One scan of the folder serves the whole save (the queue keeps other changes out meanwhile).
      const files = await this.files();
      const existing = files.find((f) => slugFromPath(f.relPath) === slug);
      this.checkVersion(existing, baseVersion);
      const errors = (await this.checkIn(files, slug, text)).filter((p) => p.severity === 'error');
      if (errors.length > 0) throw refusal('Not saved', errors);
      const relPath = existing?.relPath ?? `${slug}.md`;
      // A new article must not take a slug that leads elsewhere (another article's former slug, `aliases:`).
      if (!existing) await this.refuseNewErrors('Not saved', files, [...files, { relPath, text }], {});
      await writeAtomically(await insideRoot(this.root, relPath), text);
      await this.commit({
        author,
        message: message ?? `${existing ? 'Edit' : 'Create'} ${relPath}`,
        written: [{ relPath, text }],
        removed: [],
      });
      return { slug, relPath, text, version: versionOf(text) };
    });
  }

  /**
   * Renames or moves an article to `to` (a slug: its folder is the category folder). Links to it from other
   * articles, and its own relative links, are rewritten so that nothing breaks.
   */
  move(from: string, to: string, baseVersion: string, author: Author) {
    return this.exclusive(async (): Promise<EditorSource & { relinked: string[] }> => {
      checkSlug(from);
      checkSlug(to);
      const files = await this.files();
      const source = files.find((f) => slugFromPath(f.relPath) === from);
      this.checkVersion(source, baseVersion);
      if (!source) throw new DomainError(ErrorCode.notFound, 'No article with this slug');
      if (files.some((f) => slugFromPath(f.relPath) === to)) {
        throw new DomainError(ErrorCode.conflict, `An article at "${to}" already exists`);
      }
      const relPath = `${to}.md`;
      // The old slug becomes an alias, so its URLs keep answering (a translation's file shares its original's).
      const relinked = relinkMoved(source.text, source.relPath, relPath);
      const own = localeOfPath(source.relPath) ? relinked : withMoveAliases(relinked, from, to);
      const moved = { relPath, text: own };
      const others = files
        .filter((f) => f !== source)
        .map((f) => ({
          relPath: f.relPath,
          text: relinkTo(f.text, f.relPath, from, relPath),
          before: f.text,
        }));
      const changed = others.filter((o) => o.text !== o.before);
      await this.refuseNewErrors('Not moved', files, [moved, ...others], { [source.relPath]: relPath });
      await writeAtomically(await insideRoot(this.root, relPath), moved.text);
      for (const o of changed) await writeAtomically(join(this.root, o.relPath), o.text);
      await rm(join(this.root, source.relPath));
      const written = [moved, ...changed.map(({ relPath: r, text }) => ({ relPath: r, text }))];
      await this.commit({
        author,
        message: `Move ${source.relPath} to ${relPath}`,
        written,
        removed: [source.relPath],
        moved: { from: source.relPath, to: relPath },
      });
      return {
        slug: to,
        relPath,
        text: moved.text,
        version: versionOf(moved.text),
        relinked: changed.map((c) => c.relPath),
      };
    });
  }

  /** Deletes an article, unless other articles link to it (they would break): those are named instead. */
  remove(slug: string, baseVersion: string, author: Author) {
    return this.exclusive(async () => {
      checkSlug(slug);
      const files = await this.files();
      const file = files.find((f) => slugFromPath(f.relPath) === slug);
      this.checkVersion(file, baseVersion);
      if (!file) throw new DomainError(ErrorCode.notFound, 'No article with this slug');
      await this.refuseNewErrors(
        'Not deleted',
        files,
        files.filter((f) => f !== file),
        {},
      );
      await rm(join(this.root, file.relPath));
      await this.commit({ author, message: `Delete ${file.relPath}`, written: [], removed: [file.relPath] });
    });
  }

  /** Stores a validated image under `images/` with a safe, unused name; returns the Markdown that shows it. */
  uploadImage(bytes: Buffer, originalName: string, author: Author) {
    return this.exclusive(async () => {
      if (bytes.length === 0) throw new DomainError(ErrorCode.validation, 'The image is empty');
      if (bytes.length > MAX_IMAGE_BYTES) {
        throw new DomainError(ErrorCode.payloadTooLarge, 'The image is larger than 2 MB');
      }
      const ext = sniffImage(bytes);
      if (!ext) {
        throw new DomainError(
          ErrorCode.fileTypeNotAllowed,
          'Only PNG, JPEG, GIF and WebP images can be uploaded',
        );
      }
      const name = safeImageName(originalName, ext);
      const stem = name.slice(0, -ext.length - 1);
      for (let n = 1; n < 1000; n++) {
        const relPath = `${IMAGE_FOLDER}/${n === 1 ? name : `${stem}-${n}.${ext}`}`;
        const abs = await insideRoot(this.root, relPath);
        try {
          await writeFile(abs, bytes, { flag: 'wx' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw error;
        }
        await this.record({
          author,
          message: `Add image ${relPath}`,
          written: [],
          removed: [],
          added: [relPath],
        });
        const alt = stem.replace(/-/g, ' ');
        return { relPath, markdown: imageMarkdown(relPath, alt.charAt(0).toUpperCase() + alt.slice(1)) };
      }
      throw new DomainError(ErrorCode.conflict, 'Too many images with this name');
    });
  }

  /** The article's last versions, newest first, and where they are kept. */
  async versions(slug: string): Promise<{ kind: 'git' | 'folder'; versions: ArticleVersion[] }> {
    const file = await this.find(slug);
    if (!file) throw new DomainError(ErrorCode.notFound, 'No article with this slug');
    return { kind: this.history.kind, versions: await this.history.list(file.relPath) };
  }

  /** One version's text, and the text of the version before it (to show what it changed). */
  async version(slug: string, id: string): Promise<{ id: string; text: string; previous: string | null }> {
    const file = await this.find(slug);
    if (!file) throw new DomainError(ErrorCode.notFound, 'No article with this slug');
    const text = await this.history.text(file.relPath, id);
    if (text === undefined) throw new DomainError(ErrorCode.notFound, 'No such version of this article');
    const list = await this.history.list(file.relPath);
    const before = list[list.findIndex((v) => v.id === id) + 1];
    const previous = before ? ((await this.history.text(file.relPath, before.id)) ?? null) : null;
    return { id, text, previous };
  }

  private async find(slug: string): Promise<SourceFile | undefined> {
    checkSlug(slug);
    return (await this.files()).find((f) => slugFromPath(f.relPath) === slug);
  }

  private checkVersion(existing: SourceFile | undefined, baseVersion: string | null): void {
    if (existing ? versionOf(existing.text) === baseVersion : baseVersion === null) return;
    throw new DomainError(
      ErrorCode.conflict,
      existing
        ? 'This article changed on disk since you opened it: merge the changes before saving'
        : 'This article no longer exists on disk',
    );
  }

  /** Refuses a change that would give any article an error it did not have before (`renamed`: old -> new path). */
  private async refuseNewErrors(
    verb: string,
    before: SourceFile[],
    after: SourceFile[],
    renamed: Record<string, string>,
  ): Promise<void> {
    const key = (p: Problem, file = p.file) => `${file}\0${p.message}`;
    const old = new Set(
      [...(await this.parseAll(before)).problemsByFile.values()]
        .flat()
        .map((p) => key(p, renamed[p.file] ?? p.file)),
    );
    const fresh = [...(await this.parseAll(after)).problemsByFile.values()]
      .flat()
      .filter((p) => p.severity === 'error' && !old.has(key(p)));
    if (fresh.length > 0) throw refusal(verb, fresh, true);
  }

  /** Records a change in the history and rebuilds the index; the files are already written. */
  private async commit(change: Change): Promise<void> {
    await this.record(change);
    await this.reload();
  }

  private async record(change: Change): Promise<void> {
    try {
      await this.history.record(change);
    } catch (error) {
      this.onHistoryError(error);
    }
  }

  /** One change at a time on this node: the check and the write see the same files. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async files(): Promise<SourceFile[]> {
    return (await scanKnowledgeBase(this.root)).articles;
  }

  private async parseAll(files: SourceFile[]) {
    const problemsByFile = new Map<string, Problem[]>();
    const add = (p: Problem) => problemsByFile.set(p.file, [...(problemsByFile.get(p.file) ?? []), p]);
    const articles: Array<{ file: SourceFile; article: ParsedArticle | undefined }> = [];
    for (const file of files) {
      const key = `${versionOf(file.text)}\0${file.modifiedAt ?? ''}`;
      const cached = this.parsed.get(file.relPath);
      const outcome = cached?.key === key ? cached.outcome : parseArticle(file);
      this.parsed.set(file.relPath, { key, outcome });
      outcome.problems.forEach(add);
      articles.push({ file, article: outcome.article });
    }
    // The checks of `kb:check` across articles (snapshot.ts).
    const parsed = articles.flatMap((a) => (a.article ? [a.article] : []));
    checkArticles(parsed, { assetExists: (rel) => existsSync(join(this.root, rel)) }).problems.forEach(add);
    articles.sort((a, b) => a.file.relPath.localeCompare(b.file.relPath));
    return { articles, problemsByFile };
  }
}

function checkSlug(slug: string): string {
  if (!isValidSlug(slug)) {
    throw new DomainError(ErrorCode.validation, 'A slug is lowercase words and hyphens, folders split by /');
  }
  return slug;
}

/** validation_failed with each problem at its line (and file, when the change reaches other articles). */
function refusal(verb: string, problems: Problem[], withFile = false): DomainError {
  const clean = (p: Problem) => p.message.replace(ARTICLE_SKIPPED, '');
  const where = (p: Problem) => (withFile ? `${p.file} line ${p.line}` : `line ${p.line}`);
  const first = problems[0] as Problem;
  return new DomainError(
    ErrorCode.validation,
    `${verb}: ${clean(first)} (${where(first)})`,
    problems.map((p) => ({ path: where(p), message: clean(p) })),
  );
}
