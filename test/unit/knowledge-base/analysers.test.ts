import { describe, expect, it } from 'vitest';
import { analyserFor, ENGLISH } from '../../../server/domain/knowledge-base/analysers/index.ts';
import { type ParsedArticle, parseArticle } from '../../../server/domain/knowledge-base/parse-article.ts';
import { SearchIndex } from '../../../server/domain/knowledge-base/search-index.ts';
import { makeSnippet } from '../../../server/domain/knowledge-base/snippet.ts';
import { stem } from '../../../server/domain/knowledge-base/stemmer.ts';
import { createSynonymTable } from '../../../server/domain/knowledge-base/synonyms.ts';
import { STOP_WORDS, tokenize } from '../../../server/domain/knowledge-base/text.ts';

/** Stems of a phrase's words as the language's index sees them (tokenised, so folded like article text). */
const stems = (locale: string, text: string) => tokenize(text).map((w) => analyserFor(locale).stem(w));
const sameStem = (locale: string, ...words: string[]) => new Set(words.flatMap((w) => stems(locale, w))).size;

describe('per-language analysers', () => {
  it('English is the analyser the search was tuned with, and the fallback for other languages', () => {
    expect(analyserFor('en')).toBe(ENGLISH);
    expect(analyserFor('pt-BR')).toBe(ENGLISH);
    expect(ENGLISH.stopWords).toBe(STOP_WORDS);
    for (const w of ['changes', 'archiving', 'replied', 'status']) expect(ENGLISH.stem(w)).toBe(stem(w));
  });

  it('Spanish brings plurals and verb forms together, with or without accents', () => {
    expect(sameStem('es', 'devoluciones', 'devolución', 'devolucion')).toBe(1);
    expect(sameStem('es', 'reembolsos', 'reembolso')).toBe(1);
    expect(sameStem('es', 'devolver', 'devolviendo')).toBe(1);
    expect(sameStem('es', 'pedidos', 'pedido')).toBe(1);
    expect(analyserFor('es-MX')).toBe(analyserFor('es'));
  });

  it('German brings plurals together', () => {
    expect(sameStem('de', 'Bestellungen', 'Bestellung')).toBe(1);
    expect(sameStem('de', 'Rücksendungen', 'Rücksendung', 'Rucksendung')).toBe(1);
  });

  it('French brings plurals and verb forms together', () => {
    expect(sameStem('fr', 'commandes', 'commande')).toBe(1);
    expect(sameStem('fr', 'remboursements', 'remboursement')).toBe(1);
  });

  it("stop words are each language's own, with accents folded like the text", () => {
    const es = analyserFor('es');
    for (const w of tokenize('el la de un una cómo dónde está')) expect(es.isStopWord(w), w).toBe(true);
    expect(es.isStopWord('devolver')).toBe(false);
    expect(analyserFor('de').isStopWord('und')).toBe(true);
    expect(analyserFor('fr').isStopWord('les')).toBe(true);
    // Spanish "como" is not an English stop word, nor English "how" a Spanish one.
    expect(ENGLISH.isStopWord('como')).toBe(false);
    expect(es.isStopWord('how')).toBe(false);
  });
});

function article(slug: string, title: string, text: string): ParsedArticle {
  const parsed = parseArticle({
    relPath: `${slug}.md`,
    text: `---\ntitle: ${title}\n---\n${text}\n`,
  }).article;
  if (!parsed) throw new Error(`${slug} did not parse`);
  return parsed;
}

describe('a language index', () => {
  const spanish = [
    article('returns', 'Devolver un artículo', 'Puedes solicitar la devolución de un pedido en 30 días.'),
    article('refunds', 'Plazos del reembolso', 'El reembolso llega a tu cuenta en cinco días hábiles.'),
    article('stock', 'Disponibilidad', 'Los productos agotados vuelven a estar disponibles pronto.'),
  ];

  it('indexes no stop words and finds inflected forms of the article words', async () => {
    const index = await SearchIndex.build(spanish, createSynonymTable([], analyserFor('es')));
    expect(index.search('devoluciones', 3)[0]?.slug).toBe('returns');
    expect(index.search('devolviendo', 3)[0]?.slug).toBe('returns');
    expect(index.search('reembolsos', 3)[0]?.slug).toBe('refunds');
    expect(index.search('reembolsaron', 3)[0]?.slug).toBe('refunds');
    // Only stop words: nothing to search for.
    expect(index.search('de la un el', 3)).toEqual([]);
  });

  it('analysed as English, the same articles miss those forms and match on stop words', async () => {
    const index = await SearchIndex.build(spanish, createSynonymTable([]));
    expect(index.search('devolviendo', 3)).toEqual([]);
    expect(index.search('reembolsaron', 3)).toEqual([]);
    expect(index.search('de la un el', 3)).not.toEqual([]);
  });

  it('highlights the inflected words the visitor asked for', async () => {
    const index = await SearchIndex.build(spanish, createSynonymTable([], analyserFor('es')));
    const hit = index.search('devoluciones pedidos', 3)[0];
    expect(hit?.slug).toBe('returns');
    const marked = hit?.highlights.map(([a, b]) => hit.snippet.slice(a, b));
    expect(marked).toEqual(['devolución', 'pedido']);
  });

  it('cuts snippets with the analyser of the stems it is given', () => {
    const text = 'Las devoluciones son gratuitas.';
    const es = analyserFor('es');
    const snippet = makeSnippet(text, new Set([es.stem('devolucion')]), 180, es);
    expect(snippet.highlights.map(([a, b]) => snippet.text.slice(a, b))).toEqual(['devoluciones']);
  });
});

describe('German and French indexes', () => {
  it('a German plural finds the article written in the singular, and function words find nothing', async () => {
    const index = await SearchIndex.build(
      [
        article('track', 'Bestellung verfolgen', 'So siehst du, wo deine Bestellung gerade ist.'),
        article(
          'password',
          'Passwort zurücksetzen',
          'Du hast dein Passwort vergessen? So setzt du es zurück.',
        ),
      ],
      createSynonymTable([], analyserFor('de')),
    );
    expect(index.search('meine Bestellungen', 3)[0]?.slug).toBe('track');
    expect(index.search('und die der', 3)).toEqual([]);
  });

  it('a French plural finds the article written in the singular, and function words find nothing', async () => {
    const index = await SearchIndex.build(
      [
        article('track', 'Suivre une commande', 'Voici comment savoir où en est votre commande.'),
        article('refund', 'Délai de remboursement', 'Le remboursement arrive sous cinq jours ouvrés.'),
      ],
      createSynonymTable([], analyserFor('fr')),
    );
    expect(index.search('mes commandes', 3)[0]?.slug).toBe('track');
    expect(index.search('remboursements', 3)[0]?.slug).toBe('refund');
    expect(index.search('les des une', 3)).toEqual([]);
  });

  it("reads French elisions as the word after the apostrophe (l'article, qu'il), other languages' words whole", async () => {
    const fr = analyserFor('fr');
    expect(tokenize("L'adresse d'une commande qu'il jusqu'à aujourd'hui", fr.elision)).toEqual([
      'adresse',
      'une',
      'commande',
      'il',
      'a',
      'aujourdhui',
    ]);
    expect(tokenize("l'adresse don't")).toEqual(['ladresse', 'dont']);
    const index = await SearchIndex.build(
      [
        article('address', 'Changer d’adresse', "Modifiez l'adresse de livraison avant l'expédition."),
        article('track', 'Suivre une commande', 'Voici comment savoir où en est votre commande.'),
      ],
      createSynonymTable([], fr),
    );
    const [hit] = index.search("l'adresse de livraison", 3);
    expect(hit?.slug).toBe('address');
    expect(hit?.highlights.map(([a, b]) => hit.snippet.slice(a, b))).toEqual(["l'adresse", 'livraison']);
  });
});
