import { stem } from './stemmer.ts';
import { isStopWord, tokenize } from './text.ts';

/**
 * A query's key for learning: its content words, stemmed, deduplicated and sorted. Close variants
 * share a key: "How do I make the text bigger?", "text bigger" and "bigger texts" all key to
 * "bigger text". A query of stop words only keys to its words as typed.
 */
export function queryKey(query: string): string {
  const words = tokenize(query).slice(0, 20);
  const content = words.filter((w) => !isStopWord(w)).map(stem);
  return [...new Set(content.length > 0 ? content : words)].sort().join(' ');
}
