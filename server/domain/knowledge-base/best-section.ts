/** Query terms as the section picker needs them: exact stems, and stems matched as a prefix. */
export interface TermMatcher {
  exact: ReadonlyMap<string, number>;
  prefixes: ReadonlyArray<readonly [string, number]>;
}

/** The distinct stems of one section, packed as `\x01stem\x01stem\x01` (compact, and cheap to probe). */
export interface SectionStems {
  heading: string;
  text: string;
}

export const STEM_SEPARATOR = '\u0001';

export function packStems(stems: Set<string>): string {
  return stems.size === 0 ? '' : `${STEM_SEPARATOR}${[...stems].join(STEM_SEPARATOR)}${STEM_SEPARATOR}`;
}

const HEADING_WEIGHT = 2;

/**
 * Picks the section of an article that best answers the query, for the deep link and the
 * snippet: matched query weight in its heading counts double, and earlier sections win ties
 * (the lead, when nothing stands out).
 */
export function bestSection(sections: readonly SectionStems[], matcher: TermMatcher): number {
  let best = 0;
  let bestScore = 0;
  sections.forEach((section, i) => {
    const score = HEADING_WEIGHT * weightOf(section.heading, matcher) + weightOf(section.text, matcher);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

function weightOf(packed: string, matcher: TermMatcher): number {
  if (packed.length === 0) return 0;
  let total = 0;
  for (const [term, w] of matcher.exact)
    if (packed.includes(`${STEM_SEPARATOR}${term}${STEM_SEPARATOR}`)) total += w;
  for (const [prefix, w] of matcher.prefixes) if (packed.includes(`${STEM_SEPARATOR}${prefix}`)) total += w;
  return total;
}
