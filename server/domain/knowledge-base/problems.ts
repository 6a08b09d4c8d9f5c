/** A content problem found while loading or checking the knowledge base, located as `file:line`. */
export interface Problem {
  /** Path relative to the knowledge-base directory, with `/` separators. */
  file: string;
  /** 1-based line. */
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
}

export function problem(
  file: string,
  line: number,
  message: string,
  severity: Problem['severity'] = 'error',
): Problem {
  return { file, line, severity, message };
}
