import { readJson, writeJson } from '../../ui/storage.ts';
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
  const draft = readJson<Partial<Draft>>(key(slug), 'sessionStorage');
  return typeof draft?.text === 'string' && typeof draft.version === 'string'
    ? { text: draft.text, version: draft.version }
    : null;
}

/** Keeps the draft (null drops it); storage full or blocked: the guard on leaving still asks. */
export function keepDraft(slug: string, draft: Draft | null): void {
  writeJson(key(slug), draft, 'sessionStorage');
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
