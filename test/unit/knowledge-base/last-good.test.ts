import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkKnowledgeBase } from '../../../server/domain/knowledge-base/check.ts';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { capturingLogger, tempKb } from './helpers.ts';

const WITHIN = { timeout: 3000, interval: 25 };

let cleanup: (() => Promise<void>) | undefined;
let kb: KnowledgeBase | undefined;
afterEach(async () => {
  await kb?.close();
  await cleanup?.();
  kb = undefined;
  cleanup = undefined;
});

const good = (title: string) =>
  `---\ntitle: ${title}\ndescription: Send an item back within 30 days.\ntags: [returns]\nkeywords: [send back]\norder: 1\n---\nPrint a label and post the parcel.\n`;
// Line 5 has an unclosed flow list: the YAML error is on line 5 of the file.
const typo = `---\ntitle: Return an item\ndescription: Send an item back within 30 days.\ntags: [returns]\nkeywords: send back: now\norder: 1\n---\nPrint a label.\n`;

describe('a front-matter typo does not unpublish an article', { timeout: 20_000 }, () => {
  it('keeps serving the last good version, says so in the log and to editors, and recovers when fixed', async () => {
    const temp = await tempKb({ 'returns/return-an-item.md': good('Return an item') });
    cleanup = temp.cleanup;
    const { logger, messages } = capturingLogger();
    kb = await loadKnowledgeBase({ dir: temp.dir, logger, watch: true });
    const file = join(temp.dir, 'returns/return-an-item.md');

    await writeFile(file, typo);
    await vi.waitFor(() => expect(kb?.health?.().stale).toHaveLength(1), WITHIN);
    // Visitors still find and read it.
    expect(kb.article('returns/return-an-item')?.title).toBe('Return an item');
    expect(kb.search('return item', 5).map((h) => h.slug)).toContain('returns/return-an-item');
    // Editors are told which file, which line, and what visitors see meanwhile.
    const health = kb.health?.();
    expect(health?.stale[0]).toMatchObject({
      file: 'returns/return-an-item.md',
      slug: 'returns/return-an-item',
    });
    expect(health?.problems).toContainEqual(
      expect.objectContaining({
        file: 'returns/return-an-item.md',
        line: 5,
        severity: 'error',
        message: expect.stringContaining('visitors still see the last good version'),
      }),
    );
    expect(messages().some((m) => m.includes('returns/return-an-item.md no longer parses'))).toBe(true);

    await writeFile(file, good('Return an item for a refund'));
    await vi.waitFor(
      () => expect(kb?.article('returns/return-an-item')?.title).toBe('Return an item for a refund'),
      WITHIN,
    );
    expect(kb.health?.().stale).toEqual([]);
    expect(kb.health?.().problems).toEqual([]);
  });

  it('does not publish a new article whose first version has a typo', async () => {
    const temp = await tempKb({});
    cleanup = temp.cleanup;
    kb = await loadKnowledgeBase({ dir: temp.dir, logger: capturingLogger().logger, watch: true });
    await writeFile(join(temp.dir, 'new.md'), typo);
    await vi.waitFor(() => expect(kb?.health?.().problems).toHaveLength(1), WITHIN);
    expect(kb.article('new')).toBeUndefined();
    expect(kb.health?.().stale).toEqual([]);
  });

  it('kb:check points at the line of the YAML error and fails', async () => {
    const temp = await tempKb({ 'guide.md': typo });
    cleanup = temp.cleanup;
    const report = await checkKnowledgeBase(temp.dir);
    expect(report.errors).toBe(1);
    expect(report.lines[0]).toMatch(
      /^guide\.md:5: error: invalid YAML front matter: .*; article not published$/,
    );
  });
});
