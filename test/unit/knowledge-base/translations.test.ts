import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkKnowledgeBase } from '../../../server/domain/knowledge-base/check.ts';
import { loadKnowledgeBase } from '../../../server/domain/knowledge-base/load-knowledge-base.ts';
import {
  knowledgeBaseLocale,
  localeOfPath,
  splitLocaleSlug,
} from '../../../server/domain/knowledge-base/locales.ts';
import type { KnowledgeBase } from '../../../server/domain/knowledge-base/types.ts';
import { silentLogger } from '../../../server/lib/logger.ts';
import { article, tempKb, writeKbFile } from './helpers.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function load(files: Record<string, string>): Promise<{ kb: KnowledgeBase; dir: string }> {
  const t = await tempKb(files);
  const kb = await loadKnowledgeBase({ dir: t.dir, logger: silentLogger() });
  cleanups.push(async () => {
    await kb.close();
    await t.cleanup();
  });
  return { kb, dir: t.dir };
}

const RETURNS = {
  'returns/_category.md': '---\ntitle: Returns\n---\n',
  'returns/return-an-item.md': article(
    'Return an item',
    '## Print the label\nReturn any item within 30 days.',
  ),
  'returns/refund-timing.md': article('Refund timing', 'Refunds reach your card in 5 days.'),
  'es/returns/_category.md': '---\ntitle: Devoluciones\ndescription: Cómo devolver\n---\n',
  'es/returns/return-an-item.md': article(
    'Devolver un artículo',
    '## Imprime la etiqueta\nDevuelve cualquier artículo en 30 días. Mira [el reembolso](refund-timing.md).',
  ),
};

describe('language folders', () => {
  it('reads a top-level language folder as translations, everything else as the default language', () => {
    expect(localeOfPath('es/returns/x.md')).toEqual({ locale: 'es', rest: 'returns/x.md' });
    expect(localeOfPath('returns/x.md')).toBeUndefined();
    expect(localeOfPath('en/x.md')).toBeUndefined();
    expect(localeOfPath('returns/es/x.md')).toBeUndefined();
    expect(splitLocaleSlug('de/orders/track')).toEqual({ locale: 'de', slug: 'orders/track' });
    expect(knowledgeBaseLocale('es-MX')).toBe('es');
    expect(knowledgeBaseLocale('EN_gb')).toBe('en');
    expect(knowledgeBaseLocale('ja')).toBeUndefined();
  });

  it('serves a translation under its original slug and category, and the original when there is none', async () => {
    const { kb } = await load(RETURNS);
    expect(kb.locales?.()).toEqual(['en', 'es']);
    const es = kb.article('returns/return-an-item', 'es');
    expect(es).toMatchObject({
      title: 'Devolver un artículo',
      category: 'returns',
      locale: 'es',
      locales: ['en', 'es'],
    });
    // A link to a sibling in the language folder points at that language's URL.
    expect(es?.html).toContain('href="/kb/es/returns/refund-timing" data-kb-slug="returns/refund-timing"');
    expect(kb.article('returns/refund-timing', 'es')).toMatchObject({ title: 'Refund timing', locale: 'en' });
    // Without a language nothing changes: the original, no language fields.
    const en = kb.article('returns/return-an-item');
    expect(en?.title).toBe('Return an item');
    expect(en).not.toHaveProperty('locale');
    expect(kb.categories().map((c) => c.title)).toEqual(['Returns']);
  });

  it('lists categories in the language, translated articles first, the rest marked as the default language', async () => {
    const { kb } = await load(RETURNS);
    const [returns] = kb.categories('es');
    expect(returns?.title).toBe('Devoluciones');
    expect(returns?.articles.map((a) => [a.title, a.locale, a.url])).toEqual([
      ['Devolver un artículo', 'es', '/kb/es/returns/return-an-item'],
      ['Refund timing', 'en', '/kb/returns/refund-timing'],
    ]);
    // A language with no folder is the default language.
    expect(kb.categories('de')[0]?.title).toBe('Returns');
    // Suggestions in the language: what is translated first.
    kb.recordView?.('returns/refund-timing');
    expect(kb.suggestions(undefined, 5).map((a) => a.slug)[0]).toBe('returns/refund-timing');
    expect(kb.suggestions(undefined, 5, 'es').map((a) => [a.slug, a.locale])).toEqual([
      ['returns/return-an-item', 'es'],
      ['returns/refund-timing', 'en'],
    ]);
  });

  it('searches the language first and falls back to the default language when it has no answer', async () => {
    const { kb } = await load(RETURNS);
    const own = kb.search('devolver artículo', 5, 'es');
    expect(own[0]).toMatchObject({ slug: 'returns/return-an-item', locale: 'es' });
    expect(own[0]?.url).toMatch(/^\/kb\/es\/returns\/return-an-item/);
    // English words in the Spanish widget: the English answer, in Spanish where a translation exists.
    const refund = kb.search('refund card', 5, 'es');
    expect(refund[0]).toMatchObject({ slug: 'returns/refund-timing', locale: 'en', title: 'Refund timing' });
    const item = kb.search('return item within 30 days', 5, 'es');
    expect(item[0]).toMatchObject({ locale: 'es', title: 'Devolver un artículo' });
    // The default language's search never sees a translation.
    expect(kb.search('devolver', 5)).toEqual([]);
  });

  it('reports a translation whose original is missing, and does not publish it', async () => {
    const { kb } = await load({
      ...RETURNS,
      'es/returns/lost-parcel.md': article('Paquete perdido'),
    });
    expect(kb.article('returns/lost-parcel', 'es')).toBeUndefined();
    expect(kb.health?.().problems).toContainEqual({
      file: 'es/returns/lost-parcel.md',
      line: 1,
      severity: 'error',
      message:
        'translation of a missing article: no "returns/lost-parcel" (returns/lost-parcel.md) in the default language; article not published',
    });
  });

  it('reports a second translation into one language and keeps the first by path', async () => {
    const t = await tempKb({
      ...RETURNS,
      'es/returns/devolver.md': article(
        'Otra traducción',
        'Texto.',
        'translationOf: returns/return-an-item\n',
      ),
    });
    cleanups.push(t.cleanup);
    const report = await checkKnowledgeBase(t.dir);
    expect(report.lines).toContain(
      'es/returns/return-an-item.md:1: error: a second es translation of "returns/return-an-item" (already translated by es/returns/devolver.md); article not published',
    );
  });

  it('lets a translation with a localised file name name its original in translationOf', async () => {
    const { kb } = await load({
      'returns/return-an-item.md': article('Return an item'),
      'de/rueckgabe/artikel-zuruecksenden.md': article(
        'Artikel zurücksenden',
        'Text.',
        'translationOf: returns/return-an-item\n',
      ),
    });
    expect(kb.article('returns/return-an-item', 'de')).toMatchObject({
      title: 'Artikel zurücksenden',
      category: 'returns',
    });
  });

  it('checks links in translations against the language and warns about translationOf outside one', async () => {
    const t = await tempKb({
      ...RETURNS,
      'es/returns/refund-timing.md': article(
        'Plazos de reembolso',
        'Ver [etiqueta](return-an-item.md#nope).',
      ),
      'returns/stray.md': article('Stray', 'Text.', 'translationOf: returns/refund-timing\n'),
    });
    cleanups.push(t.cleanup);
    const report = await checkKnowledgeBase(t.dir);
    expect(report.lines).toEqual([
      'es/returns/refund-timing.md:4: error: broken link: "returns/return-an-item" has no heading "#nope"',
      'returns/stray.md:1: warning: front matter "translationOf" is only read in a language folder (es/, de/, fr/); ignored',
    ]);
  });

  it('publishes neither a draft translation nor the translation of a draft', async () => {
    const { kb } = await load({
      'a.md': article('A', 'Text.', 'draft: true\n'),
      'b.md': article('B'),
      'es/a.md': article('A es'),
      'es/b.md': article('B es', 'Texto.', 'draft: true\n'),
    });
    expect(kb.article('b', 'es')).toMatchObject({ title: 'B', locale: 'en' });
    expect(kb.article('a', 'es')).toBeUndefined();
    expect(kb.locales?.()).toEqual(['en']);
  });

  it('picks up a new language folder live, without a restart', { timeout: 20_000 }, async () => {
    const t = await tempKb({ 'returns/return-an-item.md': article('Return an item') });
    const kb = await loadKnowledgeBase({ dir: t.dir, logger: silentLogger(), watch: true });
    cleanups.push(async () => {
      await kb.close();
      await t.cleanup();
    });
    expect(kb.locales?.()).toEqual(['en']);
    await writeKbFile(t.dir, 'de/returns/return-an-item.md', article('Artikel zurücksenden', 'Rücksendung.'));
    await vi.waitFor(() => expect(kb.article('returns/return-an-item', 'de')?.locale).toBe('de'), {
      timeout: 3000,
      interval: 25,
    });
    expect(kb.locales?.()).toEqual(['en', 'de']);
    expect(kb.search('zurücksenden', 5, 'de')[0]?.title).toBe('Artikel zurücksenden');
  });
});
