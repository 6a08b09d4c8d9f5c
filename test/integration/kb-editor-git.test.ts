import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server.ts';
import { tempKb } from '../unit/knowledge-base/helpers.ts';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });

/** When the knowledge-base folder is a git repository, every change is a commit by the editor who made it. */
describe('knowledge-base editor on a git repository', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let kb: { dir: string; cleanup: () => Promise<void> };
  let cookie: string;
  let email: string;

  beforeAll(async () => {
    kb = await tempKb({
      'orders/track.md': '---\ntitle: Track an order\n---\nUse the link.\n',
      'orders/cancel.md': '---\ntitle: Cancel\n---\nSee [tracking](track.md).\n',
      'notes.txt': 'someone else is editing this\n',
    });
    git(kb.dir, 'init', '--quiet', '--initial-branch=main');
    git(kb.dir, 'add', 'orders');
    git(
      kb.dir,
      '-c',
      'user.name=Setup',
      '-c',
      'user.email=setup@example.com',
      'commit',
      '--quiet',
      '-m',
      'Start',
    );
    server = await startTestServer({ kbDir: kb.dir });
    ({ cookie, email } = await server.agent('Edith Editor', 'editor'));
  });
  afterAll(async () => {
    await server.close();
    await kb.cleanup();
  });

  const call = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api/admin/kb${path}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', origin: server.url },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const read = async (slug: string) =>
    (await (await call('GET', `/articles/${slug}`)).json()) as { text: string; version: string };
  const log = () => git(kb.dir, 'log', '--format=%an|%ae|%s', '--name-status').trim();

  it('commits a save, a creation, a move and a deletion with the editor as author, and only those files', async () => {
    await git(kb.dir, 'add', 'notes.txt'); // staged by someone else: must stay out of Parley's commits
    const track = await read('orders/track');
    const edited = track.text.replace('Use the link.', 'Use the link in the email.');
    expect(
      (await call('PUT', '/articles/orders/track', { text: edited, baseVersion: track.version })).status,
    ).toBe(200);
    const created = '---\ntitle: Refunds\n---\nMoney back.\n';
    expect((await call('PUT', '/articles/orders/refunds', { text: created, baseVersion: null })).status).toBe(
      201,
    );
    const refunds = await read('orders/refunds');
    expect(
      (
        await call('POST', '/move', {
          from: 'orders/refunds',
          to: 'payments/refunds',
          baseVersion: refunds.version,
        })
      ).status,
    ).toBe(200);
    const moved = await read('payments/refunds');
    expect((await call('DELETE', `/articles/payments/refunds?version=${moved.version}`)).status).toBe(204);

    const subjects = git(kb.dir, 'log', '--format=%an <%ae>|%s').trim().split('\n');
    expect(subjects).toEqual([
      `Edith Editor <${email}>|Delete payments/refunds.md`,
      `Edith Editor <${email}>|Move orders/refunds.md to payments/refunds.md`,
      `Edith Editor <${email}>|Create orders/refunds.md`,
      `Edith Editor <${email}>|Edit orders/track.md`,
      'Setup <setup@example.com>|Start',
    ]);
    expect(log()).not.toContain('notes.txt');
    expect(git(kb.dir, 'status', '--porcelain').trim()).toBe('A  notes.txt');
    expect(await readFile(join(kb.dir, 'orders/track.md'), 'utf8')).toBe(edited);
  });

  it('lists the article history from git, shows a version and what it changed, and restores it as a new commit', async () => {
    const history = (await (await call('GET', '/history/orders/track')).json()) as {
      kind: string;
      versions: Array<{ id: string; author: string; message: string }>;
    };
    expect(history.kind).toBe('git');
    expect(history.versions.map((v) => [v.author, v.message])).toEqual([
      ['Edith Editor', 'Edit orders/track.md'],
      ['Setup', 'Start'],
    ]);
    const start = history.versions[1]?.id ?? '';
    const shown = (await (await call('GET', `/versions/${start}/orders/track`)).json()) as {
      text: string;
      previous: string | null;
    };
    expect(shown).toEqual({
      id: start,
      text: '---\ntitle: Track an order\n---\nUse the link.\n',
      previous: null,
    });
    const now = await read('orders/track');
    const res = await call('PUT', '/articles/orders/track', {
      text: shown.text,
      baseVersion: now.version,
      restoredFrom: start.slice(0, 7),
    });
    expect(res.status).toBe(200);
    expect(git(kb.dir, 'log', '-1', '--format=%an|%s').trim()).toBe(
      `Edith Editor|Restore orders/track from version ${start.slice(0, 7)}`,
    );
    expect(git(kb.dir, 'show', 'HEAD:orders/track.md')).toBe(shown.text);
  });

  it('a change made on disk meanwhile is a conflict, not an overwrite, and nothing is committed', async () => {
    const before = git(kb.dir, 'rev-parse', 'HEAD');
    const mine = await read('orders/cancel');
    await writeFile(join(kb.dir, 'orders/cancel.md'), `${mine.text}Theirs.\n`);
    const res = await call('PUT', '/articles/orders/cancel', {
      text: `${mine.text}Mine.\n`,
      baseVersion: mine.version,
    });
    expect(res.status).toBe(409);
    expect(git(kb.dir, 'rev-parse', 'HEAD')).toBe(before);
    expect(await readFile(join(kb.dir, 'orders/cancel.md'), 'utf8')).toContain('Theirs.');
  });
});
