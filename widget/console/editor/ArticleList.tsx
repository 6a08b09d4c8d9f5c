import type { ArticleItem } from './editor-api.ts';

const STATUS_LABEL = { published: 'Published', draft: 'Draft', broken: 'Broken' } as const;

/** Groups by category (the folder when the file does not parse), in name order. */
export function groupByCategory(articles: ArticleItem[]): Array<[string, ArticleItem[]]> {
  const groups = new Map<string, ArticleItem[]>();
  for (const a of articles) {
    const name = a.category || a.relPath.split('/').slice(0, -1).join('/') || 'General';
    groups.set(name, [...(groups.get(name) ?? []), a]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b));
}

/** Every article file by category, with its status; a broken one says why and at which line. */
export function ArticleList({
  articles,
  selected,
  onOpen,
}: {
  articles: ArticleItem[];
  selected: string | null;
  onOpen: (slug: string) => void;
}) {
  return (
    <nav class="card article-list" aria-label="Articles">
      {groupByCategory(articles).map(([category, items]) => (
        <section key={category} aria-label={category}>
          <h2>{category}</h2>
          <ul>
            {items.map((a) => (
              <li key={a.relPath}>
                <button
                  type="button"
                  class="article-link"
                  aria-current={a.slug === selected ? 'page' : undefined}
                  onClick={() => onOpen(a.slug)}
                >
                  <span class="article-title">
                    {a.title}
                    {a.locale && (
                      <span class="article-locale" lang="en">
                        {' '}
                        ({a.locale})
                      </span>
                    )}
                  </span>
                  <span class={`badge status-${a.status}`}>{STATUS_LABEL[a.status]}</span>
                </button>
                {a.problem && (
                  <small class="article-problem">
                    Line {a.problem.line}: {a.problem.message}
                  </small>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
