import { describe, expect, it } from 'vitest';
import { expandWithLexicon } from '../../../server/domain/knowledge-base/lexicon/expand.ts';
import { dropIdioms } from '../../../server/domain/knowledge-base/lexicon/idioms.ts';
import { lemmas, WordNet } from '../../../server/domain/knowledge-base/lexicon/wordnet.ts';

const wordnet = WordNet.shared() as WordNet;

describe('general English knowledge (WordNet)', () => {
  it('ships with Parley and knows real words in any inflection, not typos', () => {
    expect(wordnet).not.toBeNull();
    expect(wordnet.knows('coworkers')).toBe(true);
    expect(wordnet.knows('deactivated')).toBe(true);
    expect(wordnet.knows('pasword')).toBe(false);
  });

  it('relates a word to its synonyms more confidently than to broader words', () => {
    const related = new Map(wordnet.related('maths').map((r) => [r.lemma, r.weight]));
    expect(related.get('mathematics')).toBeGreaterThan(0.8);
    expect(related.get('science') ?? 0).toBeLessThan(related.get('mathematics') ?? 0);
    expect(wordnet.related('coworkers').map((r) => r.lemma)).toContain('colleague');
  });

  it('finds base forms of inflected words', () => {
    expect(lemmas('stopped')).toContain('stop');
    expect(lemmas('parcels')).toContain('parcel');
    expect(lemmas('replies')).toContain('reply');
  });

  it('expands only words the knowledge base never uses, with related words it does use', () => {
    const df = (s: string) => (['colleagu', 'invit'].includes(s) ? 3 : 0);
    const [invite, coworkers] = expandWithLexicon(
      [
        { terms: ['invit'], alternatives: [], word: 'invite' },
        { terms: ['cowork'], alternatives: [], word: 'coworkers' },
      ],
      wordnet,
      df,
    );
    expect(invite?.alternatives).toEqual([]);
    expect(coworkers?.alternatives).toEqual([['colleagu']]);
    // Evidence, not equivalence: a related word never weighs as much as the visitor's own.
    expect(coworkers?.weights?.[0]).toBeLessThan(1);
  });

  it('drops the topic-less words of fixed expressions when indexing', () => {
    expect(dropIdioms(['upgrade', 'in', 'order', 'to', 'renew'])).toEqual(['upgrade', 'in', 'to', 'renew']);
    expect(dropIdioms(['track', 'my', 'order'])).toEqual(['track', 'my', 'order']);
  });
});
