/**
 * Fixed English expressions whose content words say nothing about the topic: "in order to" is not
 * about orders, "for example" not about examples. Their topic-less words are dropped when indexing,
 * so a shop visitor's "where is my order" does not match a page that says "in order to".
 */
const IDIOMS: ReadonlyArray<{ words: string[]; drop: number[] }> = [
  { words: ['in', 'order', 'to'], drop: [1] },
  { words: ['in', 'order', 'for'], drop: [1] },
  { words: ['in', 'case'], drop: [1] },
  { words: ['of', 'course'], drop: [1] },
  { words: ['at', 'least'], drop: [1] },
  { words: ['as', 'well'], drop: [1] },
  { words: ['for', 'example'], drop: [1] },
  { words: ['for', 'instance'], drop: [1] },
  { words: ['in', 'fact'], drop: [1] },
  { words: ['in', 'addition'], drop: [1] },
  { words: ['in', 'general'], drop: [1] },
  { words: ['take', 'place'], drop: [0, 1] },
  { words: ['keep', 'in', 'mind'], drop: [0, 2] },
  { words: ['no', 'matter'], drop: [1] },
  { words: ['on', 'the', 'other', 'hand'], drop: [3] },
];

const byFirst = new Map<string, typeof IDIOMS>();
for (const idiom of IDIOMS)
  byFirst.set(idiom.words[0] as string, [...(byFirst.get(idiom.words[0] as string) ?? []), idiom]);

/** `words` without the topic-less words of fixed expressions (in place, for the indexing hot path). */
export function dropIdioms(words: string[]): string[] {
  let out: string[] | undefined;
  for (let i = 0; i < words.length; i++) {
    const list = byFirst.get(words[i] as string);
    if (list === undefined) continue;
    for (const { words: idiom, drop } of list) {
      if (!idiom.every((w, k) => words[i + k] === w)) continue;
      out ??= [...words];
      for (const k of drop) out[i + k] = '';
    }
  }
  return out ? out.filter((w) => w !== '') : words;
}
