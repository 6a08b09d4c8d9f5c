import { formatProblem, type Problem } from './problems.ts';
import { buildSnapshot } from './snapshot.ts';
import { countBySeverity } from './validate.ts';

export interface CheckReport {
  articles: number;
  /** Published translations, by language (see locales.ts). */
  translations: Record<string, number>;
  problems: Problem[];
  errors: number;
  warnings: number;
  lines: string[];
}

/** Runs every content check over a knowledge-base folder (what `npm run kb:check` prints). */
export async function checkKnowledgeBase(dir: string): Promise<CheckReport> {
  const { snapshot, problems } = await buildSnapshot(dir, { synonyms: false });
  const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    articles: snapshot.articles.size,
    translations: Object.fromEntries([...snapshot.translations].map(([l, m]) => [l, m.size])),
    problems: sorted,
    ...countBySeverity(sorted),
    lines: sorted.map(formatProblem),
  };
}
