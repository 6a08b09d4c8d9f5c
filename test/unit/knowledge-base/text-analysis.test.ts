import { describe, expect, it } from 'vitest';
import { makeSnippet } from '../../../server/domain/knowledge-base/snippet.ts';
import { damerau } from '../../../server/domain/knowledge-base/spelling.ts';
import { stem } from '../../../server/domain/knowledge-base/stemmer.ts';
import {
  analyzeQuery,
  createSynonymTable,
  parseSynonymsFile,
} from '../../../server/domain/knowledge-base/synonyms.ts';
import { ENGLISH_SYNONYMS } from '../../../server/domain/knowledge-base/synonyms-en.ts';

describe('stemming', () => {
  it('brings inflected forms of a word together', () => {
    for (const group of [
      ['change', 'changes', 'changed', 'changing'],
      ['stop', 'stops', 'stopped', 'stopping'],
      ['reply', 'replies', 'replied'],
      ['archive', 'archived', 'archiving'],
    ]) {
      expect(new Set(group.map(stem)).size, group.join()).toBe(1);
    }
  });

  it('leaves short words and codes alone', () => {
    expect(stem('bus')).toBe('bus');
    expect(stem('2fa')).toBe('2fa');
    expect(stem('status')).toBe('status');
  });
});

describe('query analysis', () => {
  const table = createSynonymTable(ENGLISH_SYNONYMS);

  it('drops stop words and recognises multi-word synonyms before single words', () => {
    const concepts = analyzeQuery('How do I log in to my account?', table);
    expect(concepts[0]?.terms).toEqual(['log']);
    expect(concepts[0]?.alternatives).toContainEqual(['sign']);
    expect(concepts[0]?.alternatives).toContainEqual(['login']);
  });

  it('drops the filler words of questions, which would otherwise weigh as unknown words', () => {
    const terms = (q: string) => analyzeQuery(q, table).flatMap((c) => c.terms);
    expect(terms("why can't I edit my message anymore")).toEqual(['edit', 'messag']);
    expect(terms('is it possible to maybe export what happened')).toEqual(['export']);
  });

  it('reads a _synonyms.yml list of lists and reports entries that are not lists', () => {
    const { groups, problems } = parseSynonymsFile('_synonyms.yml', '- [parcel, package]\n- just a word\n');
    expect(groups).toEqual([['parcel', 'package']]);
    expect(problems).toHaveLength(1);
  });
});

describe('typo distance and snippets', () => {
  it('counts a swap of two letters as one edit', () => {
    expect(damerau('chnage', 'change', 3)).toBe(1);
    expect(damerau('pasword', 'password', 3)).toBe(1);
  });

  it('cuts a snippet around the matched words and offsets the highlights into it', () => {
    const text = `${'Filler words here. '.repeat(20)}Refunds arrive within five days of the return.`;
    const s = makeSnippet(text, new Set(['refund']));
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.highlights).toHaveLength(1);
    const [start, end] = s.highlights[0] ?? [0, 0];
    expect(s.text.slice(start, end)).toBe('Refunds');
  });
});
