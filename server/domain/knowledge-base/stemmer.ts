/**
 * A light English suffix stripper (in the spirit of Porter's step 1 plus an "S-stemmer").
 * It only needs to be consistent: index and query go through the same function, so
 * "changing", "changed", "changes" and "change" all meet at "chang". Derivational
 * suffixes (-ation, -ment) are left alone on purpose: merging them costs more precision
 * than it gains recall on short support queries.
 */
const VOWEL = /[aeiouy]/;
const KEEP_DOUBLE = new Set(['l', 's', 'z']);

export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;

  // Plurals and third person.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w) && w.length > 3) w = w.slice(0, -1);

  // Past tense and gerund, only when a vowel remains in the stem ("bed", "sing" stay).
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('eed')) w = w.slice(0, -1);
  else w = stripVerbal(w);

  if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  // Trailing silent e: "archive" and "archiving" meet at "archiv".
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function stripVerbal(w: string): string {
  for (const suffix of ['ing', 'ed']) {
    if (!w.endsWith(suffix)) continue;
    const base = w.slice(0, -suffix.length);
    if (base.length < 3 || !VOWEL.test(base)) return w;
    const last = base[base.length - 1] ?? '';
    const prev = base[base.length - 2] ?? '';
    // "stopped" -> "stop", "setting" -> "set", but "called" keeps "call".
    if (last === prev && !VOWEL.test(last) && !KEEP_DOUBLE.has(last)) return base.slice(0, -1);
    return base;
  }
  return w;
}
