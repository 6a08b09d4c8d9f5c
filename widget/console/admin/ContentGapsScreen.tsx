import { useEffect, useState } from 'preact/hooks';
import type { ContentGaps } from '../api.ts';
import { useDeps } from '../deps.ts';
import { AnswerWithArticle } from './AnswerWithArticle.tsx';
import { KbProblems } from './KbProblems.tsx';
import { LearnedBoosts } from './LearnedBoosts.tsx';
import { SuggestArticles } from './SuggestArticles.tsx';
import { useRequest } from './use-request.ts';

const PERIODS = [7, 30, 90] as const;

/** What to write next: top searches that found nothing, and articles visitors said did not help. */
export function ContentGapsScreen({ onExpired }: { onExpired: () => void }) {
  const { api } = useDeps();
  const { error, run } = useRequest(onExpired);
  const [days, setDays] = useState<number>(30);
  const [gaps, setGaps] = useState<ContentGaps | null>(null);
  const [answered, setAnswered] = useState<Record<string, string>>({});

  useEffect(() => {
    void run(() => api.contentGaps(days)).then((g) => g && setGaps(g));
  }, [api, run, days]);

  return (
    <section class="screen" aria-labelledby="gaps-title">
      <header class="screen-head screen-head-row">
        <div>
          <h1 id="gaps-title">Content gaps</h1>
          <p class="muted">Where the knowledge base let visitors down. Write or fix these articles first.</p>
        </div>
        <label class="field field-inline">
          <span>Period</span>
          <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value))}>
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                Last {p} days
              </option>
            ))}
          </select>
        </label>
      </header>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      {gaps?.knowledgeBase && <KbProblems health={gaps.knowledgeBase} />}
      {!gaps ? (
        <p class="muted">Loading…</p>
      ) : (
        <div class="screen-cols screen-cols-even">
          <div class="card card-table">
            <h2>Searches with no result</h2>
            {gaps.unanswered.length === 0 ? (
              <p class="muted">Every search found something. Nothing to do here.</p>
            ) : (
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">Search</th>
                    <th scope="col" class="num-col">
                      Times
                    </th>
                    <th scope="col">Answer</th>
                  </tr>
                </thead>
                <tbody>
                  {gaps.unanswered.map((g) => (
                    <tr key={g.query}>
                      <td>
                        <q>{g.query}</q>
                      </td>
                      <td class="num-col">{g.count}</td>
                      <td>
                        {answered[g.query] ? (
                          <span role="status">Answered with {answered[g.query]}</span>
                        ) : (
                          <AnswerWithArticle
                            query={g.query}
                            run={run}
                            onAnswered={(hit) => setAnswered((a) => ({ ...a, [g.query]: hit.title }))}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div class="card card-table">
            <h2>Articles voted “did not help”</h2>
            {gaps.unhelpful.length === 0 ? (
              <p class="muted">No article was voted down. Nothing to do here.</p>
            ) : (
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">Article</th>
                    <th scope="col" class="num-col">
                      Did not help
                    </th>
                    <th scope="col" class="num-col">
                      Helped
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {gaps.unhelpful.map((g) => (
                    <tr key={g.slug}>
                      <td>
                        {g.title ? (
                          <a href={`/kb/${g.slug}`} target="_blank" rel="noopener">
                            {g.title}
                          </a>
                        ) : (
                          <span class="muted">
                            {g.slug} <span class="badge">no longer published</span>
                          </span>
                        )}
                      </td>
                      <td class="num-col">{g.no}</td>
                      <td class="num-col">{g.yes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <SuggestArticles unanswered={gaps.unanswered} />
          <LearnedBoosts run={run} />
        </div>
      )}
    </section>
  );
}
