import { type Analyser, ENGLISH } from './analysers/index.ts';
import { tokenizeWithOffsets } from './text.ts';

export interface Snippet {
  text: string;
  highlights: Array<[number, number]>;
}

const ELLIPSIS = '…';

/**
 * Cuts a window of about `width` characters out of `text`, placed where the most matched words
 * are, and returns the [start, end) offsets of those words inside the snippet. Words are stemmed by
 * `analyser`, the one of the index the stems come from.
 */
export function makeSnippet(
  text: string,
  matchedStems: ReadonlySet<string>,
  width = 180,
  analyser: Analyser = ENGLISH,
): Snippet {
  const stem = (word: string) => analyser.stem(word);
  // Stemming every word of a long section is the costly part: only words whose first two
  // letters could belong to a matched stem are stemmed.
  const heads = new Set([...matchedStems].map((m) => m.slice(0, 2)));
  const hits = tokenizeWithOffsets(text, analyser.elision).filter(
    (t) => heads.has(t.word.slice(0, 2)) && (matchedStems.has(t.word) || matchedStems.has(stem(t.word))),
  );
  let start = 0;
  if (text.length > width && hits.length > 0) {
    // Slide over hit positions; keep the window with the most distinct hits, earliest on ties.
    let best = -1;
    for (const hit of hits) {
      const from = Math.max(0, hit.start - 30);
      const words = new Set<string>();
      for (const h of hits) if (h.start >= from && h.end <= from + width) words.add(stem(h.word));
      if (words.size > best) {
        best = words.size;
        start = from;
      }
    }
  }
  let end = Math.min(text.length, start + width);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < start + 20) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + width / 2) end = space;
  }
  const prefix = start > 0 ? ELLIPSIS : '';
  const body = text.slice(start, end).trim();
  const lead = text.slice(start, end).length - text.slice(start, end).trimStart().length;
  const snippetText = prefix + body + (end < text.length ? ELLIPSIS : '');
  const shift = prefix.length - start - lead;
  const highlights: Array<[number, number]> = [];
  for (const h of hits) {
    if (h.start >= start + lead && h.end <= start + lead + body.length)
      highlights.push([h.start + shift, h.end + shift]);
  }
  return { text: snippetText, highlights };
}
