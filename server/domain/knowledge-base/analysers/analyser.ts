/**
 * How one language's text becomes index terms: which words carry no topic (stop words) and which
 * word forms meet at one stem. Each search index has one, and its queries, phrases and snippets go
 * through the same one, so "devoluciones" in a query meets "devolución" in a Spanish article.
 * Words arrive as `tokenize` gives them: lower case, apostrophes removed, diacritics folded.
 */
export interface Analyser {
  /** Primary language subtag ("en", "es", ...). */
  readonly language: string;
  readonly stopWords: ReadonlySet<string>;
  /** Elided words dropped before an apostrophe ("l'", "qu'" in French), for `tokenize`. */
  readonly elision?: RegExp;
  isStopWord(word: string): boolean;
  stem(word: string): string;
  /** The word's index term, or null for a stop word (memoised: words repeat heavily across a knowledge base). */
  analyse(word: string): string | null;
}

export function createAnalyser(
  language: string,
  stopWords: ReadonlySet<string>,
  stem: (word: string) => string,
  elision?: RegExp,
): Analyser {
  const memo = new Map<string, string | null>();
  const isStopWord = (word: string) => stopWords.has(word);
  return {
    language,
    stopWords,
    ...(elision ? { elision } : {}),
    isStopWord,
    stem,
    analyse(word) {
      let s = memo.get(word);
      if (s === undefined) {
        s = isStopWord(word) ? null : stem(word);
        if (memo.size > 200_000) memo.clear();
        memo.set(word, s);
      }
      return s;
    },
  };
}
