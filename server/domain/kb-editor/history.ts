import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { authorArg, type GitAuthor, git } from './git.ts';

/** One saved version of an article: who saved it, when, and why. */
export interface ArticleVersion {
  id: string;
  author: string;
  at: string;
  message: string;
}

/** What one editor action changed, relative to the knowledge-base root. */
export interface Change {
  author: GitAuthor;
  message: string;
  /** Files written, with their new text. */
  written: Array<{ relPath: string; text: string }>;
  removed: string[];
  /** Other files added (images): committed with git, not kept as article versions. */
  added?: string[];
  /** A rename: the history of `from` continues under `to`. */
  moved?: { from: string; to: string };
}

/**
 * Where versions of articles are kept. With git, each change is a commit by the editor; without it, a small
 * folder of copies (`.history/`, which the knowledge-base scanner skips as it skips every dot-file).
 */
export interface ArticleHistory {
  readonly kind: 'git' | 'folder';
  record(change: Change): Promise<void>;
  /** Newest first. */
  list(relPath: string): Promise<ArticleVersion[]>;
  /** The article's text at a version, or undefined when the id is not one of its versions. */
  text(relPath: string, id: string): Promise<string | undefined>;
}

export const HISTORY_LIMIT = 20;

/** Commits in the git repository whose top the knowledge-base folder is; the git CLI, run without a shell. */
export class GitHistory implements ArticleHistory {
  readonly kind = 'git';
  private committer: Promise<NodeJS.ProcessEnv> | undefined;
  constructor(private readonly root: string) {}

  async record(change: Change): Promise<void> {
    const paths = [
      ...new Set([...change.written.map((w) => w.relPath), ...change.removed, ...(change.added ?? [])]),
    ];
    if (paths.length === 0) return;
    await git(this.root, ['add', '-A', '--', ...paths]);
    const status = await git(this.root, ['status', '--porcelain', '--', ...paths]);
    if (status.trim() === '') return; // the same text saved again: nothing to commit
    await git(
      this.root,
      [
        'commit',
        '--quiet',
        '--no-verify',
        `--author=${authorArg(change.author)}`,
        '-m',
        change.message,
        '--',
        ...paths,
      ],
      await this.committerEnv(),
    );
  }

  async list(relPath: string): Promise<ArticleVersion[]> {
    return (await this.log(relPath)).map(({ path: _path, ...v }) => v);
  }

  async text(relPath: string, id: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{40}$/.test(id)) return undefined;
    const entry = (await this.log(relPath)).find((e) => e.id === id);
    if (!entry) return undefined;
    try {
      return await git(this.root, ['show', `${id}:${entry.path}`]);
    } catch {
      return undefined; // the commit that deleted it
    }
  }

  /** The article's commits (following renames), each with the file's path at that commit. */
  private async log(relPath: string) {
    const out = await git(this.root, [
      // Paths as they are (not C-quoted) when a file name has non-ASCII letters.
      '-c',
      'core.quotePath=false',
      'log',
      '--follow',
      `-n${HISTORY_LIMIT}`,
      '--format=%x1e%H%x1f%an%x1f%aI%x1f%s',
      '--name-only',
      '--',
      relPath,
    ]).catch(() => '');
    return out
      .split('\x1e')
      .filter((chunk) => chunk.trim() !== '')
      .map((chunk) => {
        const [head = '', ...rest] = chunk.split('\n');
        const [id = '', author = '', at = '', message = ''] = head.split('\x1f');
        const path = rest.map((l) => l.trim()).find((l) => l !== '') ?? relPath;
        return { id, author, at: new Date(at).toISOString(), message, path };
      });
  }

  /** Parley commits on the editor's behalf; where git knows no committer, it signs as Parley. */
  private committerEnv(): Promise<NodeJS.ProcessEnv> {
    this.committer ??= git(this.root, ['config', 'user.email']).then(
      (email) =>
        email.trim() ? {} : { GIT_COMMITTER_NAME: 'Parley', GIT_COMMITTER_EMAIL: 'parley@localhost' },
      () => ({ GIT_COMMITTER_NAME: 'Parley', GIT_COMMITTER_EMAIL: 'parley@localhost' }),
    );
    return this.committer;
  }
}

interface StoredVersion extends ArticleVersion {
  text: string;
}

/** The last versions of each article as JSON files under `<root>/.history/<relPath>/`. */
export class FolderHistory implements ArticleHistory {
  readonly kind = 'folder';
  constructor(
    private readonly root: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(change: Change): Promise<void> {
    if (change.moved) {
      const to = this.dir(change.moved.to);
      await mkdir(dirname(to), { recursive: true });
      await rename(this.dir(change.moved.from), to).catch(() => undefined);
    }
    const at = this.now().toISOString();
    for (const { relPath, text } of change.written) {
      const id = `${at.replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
      const version: StoredVersion = { id, author: change.author.name, at, message: change.message, text };
      await mkdir(this.dir(relPath), { recursive: true });
      await writeFile(join(this.dir(relPath), `${id}.json`), JSON.stringify(version));
      const old = (await this.ids(relPath)).slice(0, -HISTORY_LIMIT);
      await Promise.all(old.map((o) => rm(join(this.dir(relPath), `${o}.json`), { force: true })));
    }
  }

  async list(relPath: string): Promise<ArticleVersion[]> {
    const ids = (await this.ids(relPath)).reverse();
    const versions = await Promise.all(ids.map((id) => this.read(relPath, id)));
    return versions.flatMap((v) => (v ? [{ id: v.id, author: v.author, at: v.at, message: v.message }] : []));
  }

  async text(relPath: string, id: string): Promise<string | undefined> {
    if (!/^[0-9TZ]+-[0-9a-f]{8}$/.test(id)) return undefined;
    return (await this.read(relPath, id))?.text;
  }

  private dir(relPath: string): string {
    const dir = join(this.root, '.history', relPath);
    if (relative(join(this.root, '.history'), dir).startsWith('..')) throw new Error('outside the history');
    return dir;
  }

  private async ids(relPath: string): Promise<string[]> {
    const names = await readdir(this.dir(relPath)).catch(() => [] as string[]);
    return names.flatMap((n) => (n.endsWith('.json') ? [n.slice(0, -5)] : [])).sort();
  }

  private async read(relPath: string, id: string): Promise<StoredVersion | undefined> {
    try {
      return JSON.parse(await readFile(join(this.dir(relPath), `${id}.json`), 'utf8')) as StoredVersion;
    } catch {
      return undefined;
    }
  }
}
