import { useEffect, useState } from 'preact/hooks';
import { type LearnedEntry, learningApi } from './learning-api.ts';

/** What search learned from visitors (query -> article, how many visitors, when), each revertible. */
export function LearnedBoosts({ run }: { run: <T>(fn: () => Promise<T>) => Promise<T | undefined> }) {
  const [entries, setEntries] = useState<LearnedEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  // Its own error line: this card failing to load must not hide the rest of Content gaps.
  const load = () =>
    void learningApi.learned().then(
      (e) => {
        setEntries(e);
        setFailed(false);
      },
      () => setFailed(true),
    );
  useEffect(load, []);

  return (
    <div class="card card-table">
      <h2>What search learned from visitors</h2>
      <p class="muted">
        An article is boosted for a search once three different visitors found it helpful for it. Revert
        anything that looks wrong: it stops at once, and only new votes can bring it back.
      </p>
      {failed ? (
        <p class="muted">What search learned could not be loaded. Reload the page to try again.</p>
      ) : !entries ? (
        <p class="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p class="muted">Nothing learned yet.</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Search</th>
              <th scope="col">Article</th>
              <th scope="col" class="num-col">
                Visitors
              </th>
              <th scope="col">Last</th>
              <th scope="col">Boost</th>
              <th scope="col">
                <span class="sr">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={`${e.queryKey}\n${e.slug}`}>
                <td>
                  <q>{e.query}</q>
                </td>
                <td>
                  <a href={`/kb/${e.slug}`} target="_blank" rel="noopener">
                    {e.title ?? e.slug}
                  </a>
                </td>
                <td class="num-col">{e.visitors}</td>
                <td>{new Date(e.lastAt).toLocaleDateString()}</td>
                <td>{e.boost > 0 ? `${Math.round(e.boost * 100)}%` : 'not yet'}</td>
                <td>
                  <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    aria-label={`Revert “${e.query}” → ${e.title ?? e.slug}`}
                    onClick={async () => {
                      await run(() => learningApi.revert(e.query, e.slug));
                      load();
                    }}
                  >
                    Revert
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
