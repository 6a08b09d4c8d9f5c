import type { KnowledgeBaseHealth } from '../api.ts';

/**
 * The article files the server could not read as they are now, for editors: which file and line, what is
 * wrong, and, for an article that was published before, that visitors still see its last good version.
 */
export function KbProblems({ health }: { health: KnowledgeBaseHealth }) {
  const errors = health.problems.filter((p) => p.severity === 'error');
  const warnings = health.problems.length - errors.length;
  if (health.problems.length === 0) return null;
  const staleFiles = new Map(health.stale.map((s) => [s.file, s]));
  return (
    <section class="card card-table kb-problems" aria-labelledby="kb-problems-title">
      <h2 id="kb-problems-title">
        Article files with problems
        <span class="muted">
          {' '}
          · {errors.length} {errors.length === 1 ? 'error' : 'errors'}, {warnings}{' '}
          {warnings === 1 ? 'warning' : 'warnings'}
        </span>
      </h2>
      {health.stale.length > 0 && (
        <p class="kb-problems-lead">
          {health.stale.length === 1
            ? 'One article no longer reads'
            : `${health.stale.length} articles no longer read`}{' '}
          correctly. Visitors still see the last good version until the file is fixed.
        </p>
      )}
      <table class="table">
        <thead>
          <tr>
            <th scope="col">File and line</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {health.problems.map((p) => {
            const stale = p.severity === 'error' ? staleFiles.get(p.file) : undefined;
            return (
              <tr key={`${p.file}:${p.line}:${p.message}`}>
                <td>
                  <code>
                    {p.file}:{p.line}
                  </code>
                </td>
                <td>
                  <span class={`kb-severity kb-severity-${p.severity}`}>
                    {p.severity === 'error' ? 'Error' : 'Warning'}
                  </span>{' '}
                  {p.message}
                  {stale && (
                    <>
                      {' '}
                      <a href={`/kb/${stale.slug}`} target="_blank" rel="noopener">
                        See what visitors see
                      </a>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="muted">
        Run <code>npm run kb:check</code> to see the same list in a terminal.
      </p>
    </section>
  );
}
