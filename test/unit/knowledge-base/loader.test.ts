import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import { silentLogger } from '../../../server/lib/logger.ts';
import { article, capturingLogger, tempKb } from './helpers.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/kb-basic');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function loadWith(files: Record<string, string | Buffer>) {
  const kb = await tempKb({ 'good.md': article('A good article', 'Everything about widgets.'), ...files });
  cleanups.push(kb.cleanup);
  const { logger, messages } = capturingLogger();
  const loaded = await loadKnowledgeBase({ dir: kb.dir, logger });
  cleanups.push(() => loaded.close());
  return { kb: loaded, messages, dir: kb.dir };
}

describe('loading a knowledge base', () => {
  it('reads articles recursively, with folders as categories and _category.md metadata', async () => {
    const kb = await loadKnowledgeBase({ dir: FIXTURE, logger: silentLogger() });
    const categories = kb.categories();
    expect(categories.map((c) => c.slug)).toEqual(['orders', 'account', 'returns']);
    expect(categories[0]).toMatchObject({ title: 'Orders', description: 'Track, change and cancel orders.' });
    expect(categories[0]?.articles.map((a) => a.slug)).toContain('orders/track-your-order');
    expect(kb.article('orders/track-your-order')).toMatchObject({
      title: 'Track your order',
      category: 'orders',
      updatedAt: '2026-01-15',
    });
    await kb.close();
  });

  it('takes the title from the first heading when front matter has none, and drops that heading from the body', async () => {
    const kb = await loadKnowledgeBase({ dir: FIXTURE, logger: silentLogger() });
    const view = kb.article('returns/return-an-item');
    expect(view?.title).toBe('Return an item');
    expect(view?.html).not.toContain('<h1');
    await kb.close();
  });

  it('leaves out drafts, files starting with _ or ., and README files', async () => {
    const { kb } = await loadWith({
      'draft.md': article('Draft', 'x', 'draft: true\n'),
      '_partial.md': article('Partial'),
      '.hidden.md': article('Hidden'),
      '_private/inside.md': article('Inside'),
      'README.md': '# Read me\n\nnot an article',
    });
    expect(kb.categories().flatMap((c) => c.articles.map((a) => a.slug))).toEqual(['good']);
  });

  it('lists sections for deep links and keeps lead text out of the section list', async () => {
    const kb = await loadKnowledgeBase({ dir: FIXTURE, logger: silentLogger() });
    expect(kb.article('orders/track-your-order')?.sections).toEqual([
      { id: 'find-the-tracking-number', heading: 'Find the tracking number', level: 2 },
      { id: 'courier-websites', heading: 'Courier websites', level: 3 },
    ]);
    await kb.close();
  });
});

describe('broken content never breaks the product', () => {
  it('skips an article with bad YAML and logs file and line', async () => {
    const { kb, messages } = await loadWith({
      'bad-yaml.md': '---\ntitle: ok\ntags: [unclosed\n---\nBody\n',
    });
    expect(kb.article('bad-yaml')).toBeUndefined();
    expect(kb.article('good')).toBeDefined();
    expect(messages().some((m) => /^bad-yaml\.md:\d+: error: invalid YAML/.test(m))).toBe(true);
  });

  it('skips an article with no title', async () => {
    const { kb, messages } = await loadWith({ 'untitled.md': 'No heading, no front matter.\n' });
    expect(kb.article('untitled')).toBeUndefined();
    expect(messages()).toContainEqual(expect.stringMatching(/^untitled\.md:1: error: article has no title/));
  });

  it('keeps the first of two files that give the same slug and reports the other', async () => {
    const { kb, messages } = await loadWith({
      'Billing/Refunds.md': article('First refunds'),
      'billing/refunds.md': article('Second refunds'),
    });
    expect(kb.article('billing/refunds')?.title).toBe('First refunds');
    expect(messages()).toContainEqual(
      expect.stringMatching(/^billing\/refunds\.md:1: error: duplicate slug "billing\/refunds"/),
    );
  });

  it('refuses files over 1 MB', async () => {
    const { kb, messages } = await loadWith({ 'huge.md': article('Huge', 'a '.repeat(600_000)) });
    expect(kb.article('huge')).toBeUndefined();
    expect(messages()).toContainEqual(
      expect.stringMatching(/^huge\.md:1: error: .*larger than the 1 MB limit/),
    );
  });

  it('refuses binary files and invalid UTF-8', async () => {
    const { kb, messages } = await loadWith({
      'binary.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01, 0x02]),
      'latin1.md': Buffer.from('---\ntitle: Caf\xe9\n---\nbody\n', 'latin1'),
    });
    expect(kb.article('binary')).toBeUndefined();
    expect(kb.article('latin1')).toBeUndefined();
    expect(messages()).toContainEqual(expect.stringMatching(/^binary\.md:2: error: file contains NUL bytes/));
    expect(messages()).toContainEqual(expect.stringMatching(/^latin1\.md:1: error: file is not valid UTF-8/));
    expect(kb.search('good article', 5).map((h) => h.slug)).toEqual(['good']);
  });

  it('refuses a symbolic link that points outside the knowledge base', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'parley-outside-'));
    cleanups.push(() => rm(outside, { recursive: true, force: true }));
    await writeFile(join(outside, 'secret.md'), article('Secret', 'password list'));
    const kb = await tempKb({ 'good.md': article('Good') });
    cleanups.push(kb.cleanup);
    await symlink(join(outside, 'secret.md'), join(kb.dir, 'secret.md'));
    await symlink(outside, join(kb.dir, 'linked-folder'));
    const { logger, messages } = capturingLogger();
    const loaded = await loadKnowledgeBase({ dir: kb.dir, logger });
    expect(loaded.article('secret')).toBeUndefined();
    expect(loaded.article('linked-folder/secret')).toBeUndefined();
    expect(messages()).toContainEqual(
      expect.stringMatching(/^secret\.md:1: error: symbolic link points outside/),
    );
    expect(messages()).toContainEqual(
      expect.stringMatching(/^linked-folder:1: error: symbolic link points outside/),
    );
    await loaded.close();
  });

  it('keeps an article whose front matter field has the wrong type, ignoring that field', async () => {
    const { kb, messages } = await loadWith({
      'typed.md': article('Typed', 'Body', 'order: first\ntags: [a, b]\n'),
    });
    expect(kb.article('typed')?.tags).toEqual(['a', 'b']);
    expect(messages()).toContainEqual(
      expect.stringMatching(/^typed\.md:3: error: front matter field "order" has the wrong type/),
    );
  });
});

describe('suggestions and assets', () => {
  it('suggests articles whose pages patterns match the visitor URL, else the most viewed', async () => {
    const kb = await loadKnowledgeBase({ dir: FIXTURE, logger: silentLogger() });
    expect(kb.suggestions('https://shop.example/en/checkout/done?x=1', 5).map((a) => a.slug)).toEqual([
      'orders/track-your-order',
    ]);
    const fallback = kb.suggestions('https://shop.example/about', 2).map((a) => a.slug);
    expect(fallback).toHaveLength(2);
    kb.recordView?.('returns/return-an-item');
    expect(kb.suggestions(undefined, 1).map((a) => a.slug)).toEqual(['returns/return-an-item']);
    await kb.close();
  });

  it('resolves images inside the folder only', async () => {
    const kb = await loadKnowledgeBase({ dir: FIXTURE, logger: silentLogger() });
    expect(kb.assetPath('account/images/flow.png')).toMatch(/flow\.png$/);
    expect(kb.assetPath('../kb-broken-links/guide.md')).toBeUndefined();
    expect(kb.assetPath('account/reset-your-password.md')).toBeUndefined();
    expect(kb.assetPath('account/images/missing.png')).toBeUndefined();
    await kb.close();
  });
});
