import { clusterQueries, type QueryCount } from './cluster-queries.ts';

/** "Suggest a new article": unanswered searches grouped by what they ask, biggest group first. */
export function SuggestArticles({ unanswered }: { unanswered: QueryCount[] }) {
  // A search asked only one way is already in the table above; a group is what this card adds.
  const clusters = clusterQueries(unanswered)
    .filter((c) => c.queries.length > 1)
    .slice(0, 8);
  if (clusters.length === 0) return null;
  return (
    <div class="card card-table">
      <h2>Suggest a new article</h2>
      <p class="muted">
        Unanswered searches that ask for the same thing. The first group is the article missing most.
      </p>
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Article about</th>
            <th scope="col" class="num-col">
              Searches
            </th>
            <th scope="col">Asked as</th>
          </tr>
        </thead>
        <tbody>
          {clusters.map((c) => (
            <tr key={c.topic}>
              <td>
                <q>{c.topic}</q>
              </td>
              <td class="num-col">{c.total}</td>
              <td class="muted">{c.queries.map((q) => q.query).join(' · ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
