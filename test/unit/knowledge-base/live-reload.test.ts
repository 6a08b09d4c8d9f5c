import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../../server/lib/logger.ts';
import { article, tempKb, writeKbFile } from './helpers.ts';

// The promise is "visible within 1 s". The waits below allow more so a loaded CI machine does not
// flake; they poll a condition and never sleep.
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

describe('live edits to the knowledge base', () => {
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
