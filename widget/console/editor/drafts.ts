import type { ArticleSource } from './editor-api.ts';

/**
 * Unsaved text is kept in the tab's session storage per article, so that switching console screens, a reload
 * or a crash loses nothing: opening the article again brings it back (as a merge if the file moved on).
 */
const key = (slug: string) => `parley:kb-draft:${slug}`;

interface Draft {
  text: string;
  /** The version of the file the changes started from. */
  version: string;
}

export function readDraft(slug: string): Draft | null {
  try {
    const raw = sessionStorage.getItem(key(slug));
    const draft = raw ? (JSON.parse(raw) as Partial<Draft>) : null;
    return typeof draft?.text === 'string' && typeof draft.version === 'string'
      ? { text: draft.text, version: draft.version }
      : null;
  } catch {
    return null;
  }
}

export function keepDraft(slug: string, draft: Draft | null): void {
  try {
    if (draft) sessionStorage.setItem(key(slug), JSON.stringify(draft));
    else sessionStorage.removeItem(key(slug));
  } catch {
    // Storage full or blocked: the guard on leaving still asks.
  }
}

/** Where an opened article starts: the file, or the kept draft on top of it (a conflict if the file changed). */
export function startingPoint(source: ArticleSource): {
  text: string;
  theirs: ArticleSource | null;
  restored: boolean;
} {
  const draft = readDraft(source.slug);
  if (!draft || draft.text === source.text) return { text: source.text, theirs: null, restored: false };
  return { text: draft.text, theirs: draft.version === source.version ? null : source, restored: true };
}
