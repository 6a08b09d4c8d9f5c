import { type Analyser, ENGLISH } from './analysers/index.ts';
import { tokenize } from './text.ts';

/**
 * A query's key for learning: its content words, stemmed, deduplicated and sorted. Close variants
 * share a key: "How do I make the text bigger?", "text bigger" and "bigger texts" all key to
 * "bigger text". A query of stop words only keys to its words as typed. Learning keys are English;
 * a language's index keys its editors' questions with its own analyser.
 */
export function queryKey(query: string, analyser: Analyser = ENGLISH): string {
  const words = tokenize(query, analyser.elision).slice(0, 20);
  const content = words.filter((w) => !analyser.isStopWord(w)).map((w) => analyser.stem(w));
  return [...new Set(content.length > 0 ? content : words)].sort().join(' ');
}
