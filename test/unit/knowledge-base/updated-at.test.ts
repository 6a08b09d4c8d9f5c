import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import { silentLogger } from '../../../server/lib/logger.ts';

it('dates an article by its front matter, else by when its file last changed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-updated-'));
  mkdirSync(join(dir, 'orders'));
  writeFileSync(
    join(dir, 'orders', 'dated.md'),
    '---\ntitle: Dated\nupdated: 2026-10-02\n---\nBody text here.\n',
  );
  const undated = join(dir, 'orders', 'undated.md');
  writeFileSync(undated, '---\ntitle: Undated\n---\nBody text here.\n');
  utimesSync(undated, new Date('2026-09-01T10:00:00Z'), new Date('2026-09-01T10:00:00Z'));
  const kb = await loadKnowledgeBase({ dir, logger: silentLogger() });
  try {
    expect(kb.article('orders/dated')?.updatedAt).toMatch(/^2026-10-02/);
    expect(kb.article('orders/undated')?.updatedAt).toBe('2026-09-01T10:00:00.000Z');
  } finally {
    await kb.close();
  }
});
