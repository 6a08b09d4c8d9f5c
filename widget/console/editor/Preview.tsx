import { useEffect, useState } from 'preact/hooks';
import type { EditorApi, Problem } from './editor-api.ts';

interface Props {
  api: EditorApi;
  slug: string;
  text: string;
  /** Shown under the title, as on the help centre's article page. */
  description: string;
  onLine: (line: number) => void;
}

const DELAY_MS = 300;

/**
 * The article as visitors will see it: the server renders it with the renderer of the help centre and the
 * widget (links, images, heading ids), and lists what `kb:check` would say, each problem a link to its line.
 */
export function Preview({ api, slug, text, description, onLine }: Props) {
  const [result, setResult] = useState<{ title: string; html: string; problems: Problem[] } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.preview(slug, text).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setFailed(false);
        },
        () => live && setFailed(true),
      );
    }, DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, slug, text]);
  const problems = result?.problems ?? [];
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title" class="preview-label">
        Preview
      </h2>
      {failed && <p class="muted">The preview could not be updated. Check the connection.</p>}
      {problems.length > 0 && (
        <ul class="preview-problems" aria-label="Problems">
          {problems.map((p) => (
            <li key={`${p.line}${p.message}`} class={`problem-${p.severity}`}>
              <button type="button" class="link-btn inline-link" onClick={() => onLine(p.line)}>
                Line {p.line}
              </button>{' '}
              {p.severity === 'error' ? 'Error' : 'Warning'}: {p.message}
            </li>
          ))}
        </ul>
      )}
      <article class="kb-article preview-article">
        {result?.title ? <h1>{result.title}</h1> : null}
        {description.trim() ? <p class="lead">{description}</p> : null}
        <div dangerouslySetInnerHTML={{ __html: result?.html ?? '' }} />
      </article>
    </section>
  );
}
