import type { AgentConversationDTO, TrailEntry, VisitorDTO } from '../../../server/protocol/dto.ts';
import { formatTime, safeHref, timeIn } from '../format.ts';
import { Trail } from './Trail.tsx';

interface Props {
  visitor: VisitorDTO;
  trail: TrailEntry[];
  previous: AgentConversationDTO[];
  escalatedAt: string;
  now: number;
  onOpen: (conversationId: string) => void;
  /** Medium screens show the panel as a drawer; this hides it again. */
  onClose?: () => void;
}

/** The right column: who the visitor is, where they are, what they tried, and what they asked before. */
export function VisitorPanel({ visitor: v, trail, previous, escalatedAt, now, onOpen, onClose }: Props) {
  const ctx = v.context;
  const href = safeHref(ctx.url);
  const localTime = ctx.timeZone ? timeIn(ctx.timeZone, now) : null;
  return (
    <aside class="visitor" aria-labelledby="visitor-title">
      <div class="visitor-head">
        <h2 id="visitor-title" tabIndex={-1}>
          {v.name ? <bdi>{v.name}</bdi> : 'Anonymous visitor'}
        </h2>
        {onClose && (
          <button type="button" class="btn btn-quiet only-medium" onClick={onClose}>
            Hide details
          </button>
        )}
      </div>
      <dl class="facts">
        <dt>Email</dt>
        <dd>
          {v.email ? <bdi class="visitor-email">{v.email}</bdi> : 'Not given'}
          {/* Every address says whether the website proved it: a typed one can never pass for a proved one. */}
          {v.email &&
            (v.verified ? (
              <span class="verified" title="Verified by the website">
                <span aria-hidden="true">✓</span> Verified
              </span>
            ) : (
              <span class="unverified" title="Typed by the visitor; the website did not prove it">
                <span aria-hidden="true">!</span> Unverified
              </span>
            ))}
        </dd>
        <dt>Current page</dt>
        <dd class="page">
          {ctx.title && <span class="page-title">{ctx.title}</span>}
          {href ? (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow" title={ctx.url}>
              {ctx.url}
            </a>
          ) : (
            <span>{ctx.url ?? 'Unknown'}</span>
          )}
        </dd>
        <dt>Locale</dt>
        <dd>{ctx.locale ?? 'Unknown'}</dd>
        <dt>Time zone</dt>
        <dd>
          {ctx.timeZone ?? 'Unknown'}
          {localTime && <span class="muted local-time">{localTime} there</span>}
        </dd>
      </dl>

      <h3>Pages seen</h3>
      {(v.pages ?? []).length === 0 ? (
        <p class="muted">None recorded.</p>
      ) : (
        <ol class="pages-seen" aria-label="Pages seen, newest first">
          {[...v.pages].reverse().map((p, _i, all) => {
            const link = safeHref(p.url);
            // Two different pages with one title: the path tells them apart.
            const twin = !!p.title && all.some((o) => o.title === p.title && o.url !== p.url);
            const path = twin ? pathOf(p.url) : null;
            return (
              <li key={`${p.at}-${p.url}`}>
                {link ? (
                  <a href={link} target="_blank" rel="noopener noreferrer nofollow">
                    {p.title || p.url}
                  </a>
                ) : (
                  <span>{p.title || p.url}</span>
                )}
                {path && <span class="muted page-path"> {path}</span>}{' '}
                <time class="muted" dateTime={p.at}>
                  {formatTime(p.at, now)}
                </time>
              </li>
            );
          })}
        </ol>
      )}

      <h3>Before asking</h3>
      <Trail trail={trail} escalatedAt={escalatedAt} now={now} />

      <h3>Previous conversations</h3>
      {previous.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ul class="previous">
          {previous.map((c) => (
            <li key={c.id}>
              <button type="button" class="link-btn" onClick={() => onOpen(c.id)}>
                <span class="previous-preview">{c.preview || 'No text'}</span>
                <span class="muted">
                  {formatTime(c.createdAt, now)} · {c.status}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

/** The path and query of a URL, to tell apart pages that share a title. */
function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
}
