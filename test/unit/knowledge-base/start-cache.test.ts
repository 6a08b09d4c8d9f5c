import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../../server/lib/logger.ts';
import { article, writeKbFile } from './helpers.ts';

const SHIPPED = resolve(import.meta.dirname, '..', '..', '..', 'knowledge-base');
const QUERIES = ['return an item', 'where is my parcel', 'change my password', 'parcels', 'refund', 'zzqxv'];

const opened: KnowledgeBase[] = [];
const folders: string[] = [];
afterEach(async () => {
  for (const kb of opened.splice(0)) await kb.close();
  for (const f of folders.splice(0)) await rm(f, { recursive: true, force: true });
});

async function folder(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `parley-${name}-`));
  folders.push(dir);
  return dir;
}

async function load(dir: string, cacheDir?: string): Promise<KnowledgeBase> {
  const kb = await loadKnowledgeBase({ dir, logger: silentLogger(), ...(cacheDir ? { cacheDir } : {}) });
  opened.push(kb);
  return kb;
}

const answers = (kb: KnowledgeBase) => QUERIES.map((q) => kb.search(q, 5));

describe('the knowledge base kept between starts', () => {
  it('answers every search and serves every article exactly as a start without it does', async () => {
    const kbDir = await folder('kb');
    await cp(SHIPPED, kbDir, { recursive: true });
    const cacheDir = await folder('cache');
    const plain = await load(kbDir);
    const first = await load(kbDir, cacheDir); // builds and writes the cache
    const second = await load(kbDir, cacheDir); // reads it
    expect(answers(first)).toEqual(answers(plain));
    expect(answers(second)).toEqual(answers(plain));
    for (const c of plain.categories())
      for (const a of c.articles) expect(second.article(a.slug)).toEqual(plain.article(a.slug));
  }, 60_000);

  it('uses what it kept for unchanged files, and reads a changed file afresh', async () => {
    const kbDir = await folder('kb');
    await writeKbFile(
      kbDir,
      'shipping/parcel.md',
      article('Track a parcel', 'Follow your parcel with the tracking link.'),
    );
    await writeKbFile(
      kbDir,
      'returns/return.md',
      article('Return an item', 'Start a return within 30 days.'),
    );
    const cacheDir = await folder('cache');
    await (await load(kbDir, cacheDir)).close();

    // What the cache holds is what the next start serves for a file whose text is unchanged: prove it by
    // marking the kept copy of one article (a real start never does this).
    const file = join(cacheDir, 'parsed.json');
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replaceAll('Start a return within 30 days.', 'KEPT COPY'),
    );
    await writeKbFile(
      kbDir,
      'shipping/parcel.md',
      article('Track a parcel', 'Follow it with the courier’s link.'),
    );
    const kb = await load(kbDir, cacheDir);
    expect(kb.article('returns/return')?.html).toContain('KEPT COPY');
    expect(kb.article('shipping/parcel')?.html).toContain('courier’s link');
    expect(kb.search('courier', 5).map((h) => h.slug)).toEqual(['shipping/parcel']);
  });

  it('starts normally from a damaged or foreign cache, and mends it', async () => {
    const kbDir = await folder('kb');
    await writeKbFile(
      kbDir,
      'returns/return.md',
      article('Return an item', 'Start a return within 30 days.'),
    );
    const cacheDir = await folder('cache');
    await writeKbFile(cacheDir, 'parsed.json', '{"key": "another version", "entries": [["returns/return.md"');
    await writeKbFile(cacheDir, 'index.json', 'not json at all');
    const kb = await load(kbDir, cacheDir);
    expect(kb.search('return', 5).map((h) => h.slug)).toEqual(['returns/return']);
    await kb.close();
    expect(JSON.parse(await readFile(join(cacheDir, 'parsed.json'), 'utf8')).entries).toHaveLength(1);
    expect(JSON.parse(await readFile(join(cacheDir, 'index.json'), 'utf8')).parts.mini.documentCount).toBe(1);
  });
});
