import { execFileSync } from 'node:child_process';
import { mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../../server/lib/logger.ts';
import { article, tempKb, writeKbFile } from './helpers.ts';

// The promise is "visible within 1 s". The waits below allow more so a loaded CI machine does not
// flake; they poll a condition and never sleep. Each test may take longer than the default 5 s in all
// (several saves in a row on a machine at load 20), hence the describe timeouts.
const WITHIN = { timeout: 3000, interval: 25 };

let cleanup: (() => Promise<void>) | undefined;
let kb: KnowledgeBase | undefined;
afterEach(async () => {
  await kb?.close();
  await cleanup?.();
  kb = undefined;
  cleanup = undefined;
});

async function watched(files: Record<string, string>) {
  const temp = await tempKb(files);
  cleanup = temp.cleanup;
  kb = await loadKnowledgeBase({ dir: temp.dir, logger: silentLogger(), watch: true });
  return { kb, dir: temp.dir };
}

const titles = (k: KnowledgeBase, q: string) => k.search(q, 5).map((h) => h.title);

describe('live edits to the knowledge base', { timeout: 20_000 }, () => {
  it('shows an added article in search and the article API without a restart', async () => {
    const { kb, dir } = await watched({ 'start.md': article('Getting started') });
    await writeKbFile(dir, 'billing/refund-policy.md', article('Refund policy', 'Refunds take five days.'));
    await vi.waitFor(() => expect(titles(kb, 'refund policy')).toEqual(['Refund policy']), WITHIN);
    expect(kb.article('billing/refund-policy')?.title).toBe('Refund policy');
  });

  it('shows a changed article and a changed version (for ETags)', async () => {
    const { kb, dir } = await watched({ 'guide.md': article('Old title') });
    const before = kb.version;
    await writeKbFile(dir, 'guide.md', article('New title'));
    await vi.waitFor(() => expect(kb.article('guide')?.title).toBe('New title'), WITHIN);
    expect(kb.version).not.toBe(before);
    expect(titles(kb, 'old title')).toEqual([]);
  });

  it('follows a renamed article to its new slug', async () => {
    const { kb, dir } = await watched({ 'a.md': article('Export your data') });
    await rename(join(dir, 'a.md'), join(dir, 'export-data.md'));
    await vi.waitFor(() => expect(kb.article('export-data')).toBeDefined(), WITHIN);
    expect(kb.article('a')).toBeUndefined();
  });

  it('drops a deleted article, including a whole deleted folder', async () => {
    const { kb, dir } = await watched({
      'keep.md': article('Keep me'),
      'old/gone.md': article('Gone article'),
    });
    await rm(join(dir, 'old'), { recursive: true });
    await vi.waitFor(() => expect(kb.article('old/gone')).toBeUndefined(), WITHIN);
    expect(kb.article('keep')?.title).toBe('Keep me');
  });

  it('coalesces a burst of changes and ends with every file present', async () => {
    const { kb, dir } = await watched({});
    await Promise.all(
      Array.from({ length: 150 }, (_, i) => writeKbFile(dir, `bulk/a-${i}.md`, article(`Bulk ${i}`))),
    );
    await vi.waitFor(() => expect(kb.categories().flatMap((c) => c.articles)).toHaveLength(150), WITHIN);
  });
});

/** Every way an editor (or git) saves a file; after each, a later ordinary save must still be seen. */
describe('live reload keeps watching whichever way a file is saved', { timeout: 20_000 }, () => {
  const savedTitle = (k: KnowledgeBase, slug: string) => k.article(slug)?.title;

  it('sees an in-place write, then another in-place write', async () => {
    const { kb, dir } = await watched({ 'guide.md': article('First') });
    await writeFile(join(dir, 'guide.md'), article('Second'));
    await vi.waitFor(() => expect(savedTitle(kb, 'guide')).toBe('Second'), WITHIN);
    await writeFile(join(dir, 'guide.md'), article('Third'));
    await vi.waitFor(() => expect(savedTitle(kb, 'guide')).toBe('Third'), WITHIN);
  });

  it('sees a write-and-rename save (sed -i, vim, VS Code) and every ordinary save after it', async () => {
    const { kb, dir } = await watched({ 'orders/track.md': article('Track your order') });
    await writeFile(join(dir, 'orders/.track.md.swp'), article('Track a parcel'));
    await rename(join(dir, 'orders/.track.md.swp'), join(dir, 'orders/track.md'));
    await vi.waitFor(() => expect(savedTitle(kb, 'orders/track')).toBe('Track a parcel'), WITHIN);
    for (const title of ['Where is my parcel', 'Track a delivery']) {
      await writeFile(join(dir, 'orders/track.md'), article(title));
      await vi.waitFor(() => expect(savedTitle(kb, 'orders/track')).toBe(title), WITHIN);
    }
  });

  it('sees a delete-and-recreate of a file, then later saves of it', async () => {
    const { kb, dir } = await watched({ 'a/page.md': article('Before') });
    await unlink(join(dir, 'a/page.md'));
    await vi.waitFor(() => expect(kb.article('a/page')).toBeUndefined(), WITHIN);
    await writeFile(join(dir, 'a/page.md'), article('Recreated'));
    await vi.waitFor(() => expect(savedTitle(kb, 'a/page')).toBe('Recreated'), WITHIN);
    await writeFile(join(dir, 'a/page.md'), article('Edited after'));
    await vi.waitFor(() => expect(savedTitle(kb, 'a/page')).toBe('Edited after'), WITHIN);
  });

  it('sees a folder deleted and made again, and saves inside the new folder', async () => {
    const { kb, dir } = await watched({ 'shop/pay.md': article('Pay by card') });
    await rm(join(dir, 'shop'), { recursive: true });
    await mkdir(join(dir, 'shop'));
    await writeFile(join(dir, 'shop/pay.md'), article('Pay by invoice'));
    await vi.waitFor(() => expect(savedTitle(kb, 'shop/pay')).toBe('Pay by invoice'), WITHIN);
    await writeFile(join(dir, 'shop/pay.md'), article('Pay later'));
    await vi.waitFor(() => expect(savedTitle(kb, 'shop/pay')).toBe('Pay later'), WITHIN);
  });

  it('follows a git checkout that changes, adds and removes many files, then ordinary saves', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`topic-${i % 4}/a-${i}.md`] = article(`Version one ${i}`);
    const { kb, dir } = await watched(files);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=e@x', '-c', 'user.name=E', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    git('checkout', '-q', '-b', 'two');
    for (let i = 0; i < 40; i++)
      await writeFile(join(dir, `topic-${i % 4}/a-${i}.md`), article(`Version two ${i}`));
    await rm(join(dir, 'topic-3'), { recursive: true });
    await writeKbFile(dir, 'new-topic/fresh.md', article('Fresh article'));
    git('add', '-A');
    git('commit', '-q', '-m', 'two');
    await vi.waitFor(() => expect(savedTitle(kb, 'new-topic/fresh')).toBe('Fresh article'), WITHIN);
    git('checkout', '-q', 'main');
    await vi.waitFor(() => expect(savedTitle(kb, 'topic-3/a-3')).toBe('Version one 3'), WITHIN);
    expect(kb.article('new-topic/fresh')).toBeUndefined();
    expect(savedTitle(kb, 'topic-0/a-0')).toBe('Version one 0');
    git('checkout', '-q', 'two');
    await vi.waitFor(() => expect(savedTitle(kb, 'topic-1/a-1')).toBe('Version two 1'), WITHIN);
    expect(kb.article('topic-3/a-3')).toBeUndefined();
    await writeFile(join(dir, 'topic-1/a-1.md'), article('Saved after the checkout'));
    await vi.waitFor(() => expect(savedTitle(kb, 'topic-1/a-1')).toBe('Saved after the checkout'), WITHIN);
  });
});
