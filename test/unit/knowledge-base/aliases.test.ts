import { afterEach, describe, expect, it } from 'vitest';
import { normalizeAlias } from '../../../server/domain/knowledge-base/aliases.ts';
import { checkKnowledgeBase } from '../../../server/domain/knowledge-base/check.ts';
import { parseFrontMatter } from '../../../server/domain/knowledge-base/front-matter.ts';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { article, capturingLogger, tempKb } from './helpers.ts';

/** Former slugs in the front matter (`aliases:`): read, checked by kb:check, and resolved to the current slug. */
describe('article aliases', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });
  const folder = async (files: Record<string, string>) => {
    const t = await tempKb(files);
    cleanups.push(t.cleanup);
    return t.dir;
  };
  const load = async (files: Record<string, string>): Promise<KnowledgeBase> => {
    const kb = await loadKnowledgeBase({ dir: await folder(files), logger: capturingLogger().logger });
    cleanups.push(() => kb.close());
    return kb;
  };

  it('reads aliases as a list or a comma-separated string, with the line of each item', () => {
    const block = parseFrontMatter('---\ntitle: A\naliases:\n  - old/one\n  - /kb/old/two\n---\nBody\n');
    expect(block.data.aliases).toEqual(['old/one', '/kb/old/two']);
    expect(block.itemLines?.aliases).toEqual([4, 5]);
    expect(parseFrontMatter('---\naliases: a, b\n---\n').data.aliases).toEqual(['a', 'b']);
    expect(parseFrontMatter('---\naliases: {x: 1}\n---\n').warnings[0]).toMatchObject({
      line: 2,
      message: expect.stringContaining('expected a list of strings'),
    });
  });

  it('normalises an alias written as a URL path or a file name', () => {
    expect(normalizeAlias(' /kb/orders/old-name/ ')).toBe('orders/old-name');
    expect(normalizeAlias('orders/old-name.md')).toBe('orders/old-name');
  });

  it('resolves a former slug to the current one, and nothing else', async () => {
    const kb = await load({
      'orders/track.md': article('Track', 'Text.', 'aliases: [orders/where-is-my-order, /kb/tracking]\n'),
      'orders/other.md': article('Other'),
    });
    expect(kb.currentSlug?.('orders/where-is-my-order')).toBe('orders/track');
    expect(kb.currentSlug?.('tracking')).toBe('orders/track');
    expect(kb.currentSlug?.('orders/track')).toBeUndefined();
    expect(kb.currentSlug?.('orders/nothing')).toBeUndefined();
  });

  it('holds in every language, and a translation’s own aliases only in its language', async () => {
    const kb = await load({
      'orders/track.md': article('Track', 'Text.', 'aliases: [orders/old-track]\n'),
      'es/orders/track.md': article('Seguir', 'Texto.', 'aliases: [orders/seguimiento]\n'),
    });
    expect(kb.currentSlug?.('orders/old-track', 'es')).toBe('orders/track');
    expect(kb.currentSlug?.('orders/seguimiento', 'es')).toBe('orders/track');
    expect(kb.currentSlug?.('orders/seguimiento')).toBeUndefined();
  });

  it('does not lead to a draft', async () => {
    const kb = await load({ 'soon.md': article('Soon', 'Text.', 'draft: true\naliases: [later]\n') });
    expect(kb.currentSlug?.('later')).toBeUndefined();
  });

  it('kb:check reports every alias that cannot work, at its file and line', async () => {
    const dir = await folder({
      'a.md': article('A', 'Text.', 'aliases:\n  - shared-old\n  - b\n  - Not A Slug\n  - es/viejo\n  - a\n'),
      'b.md': article('B'),
      'c.md': article('C', 'Text.', 'aliases: [shared-old, shared-old]\n'),
    });
    const report = await checkKnowledgeBase(dir);
    expect(report.lines).toEqual([
      'a.md:5: error: alias "b" is the slug of another article (b.md); ignored',
      'a.md:6: error: alias "Not A Slug" is not a valid slug (lowercase letters, digits and hyphens, folders split by /); ignored',
      'a.md:7: error: alias "es/viejo" starts with a language folder: write the slug without it; ignored',
      'a.md:8: warning: alias "a" is this article\'s own slug; ignored',
      'c.md:3: error: alias "shared-old" is already an alias of a.md (line 4); ignored',
      'c.md:3: warning: alias "shared-old" is listed twice; ignored',
    ]);
    expect(report.errors).toBe(4);
    // The article itself stays published, and the alias the first file claimed still works.
    expect(report.articles).toBe(3);
  });
});
