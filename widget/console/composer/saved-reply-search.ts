import Fuse from 'fuse.js';
import type { SavedReply } from '../api.ts';

/** Fuzzy matching over saved replies (shortcut first, then title, then text). Loaded on the first `/`. */
export function createReplyMatcher(replies: SavedReply[]) {
  const fuse = new Fuse(replies, {
    keys: [
      { name: 'shortcut', weight: 3 },
      { name: 'title', weight: 2 },
      { name: 'text', weight: 1 },
    ],
    threshold: 0.4,
    ignoreLocation: true,
  });
  return (query: string, limit = 8): SavedReply[] =>
    query ? fuse.search(query, { limit }).map((r) => r.item) : replies.slice(0, limit);
}
export type ReplyMatcher = ReturnType<typeof createReplyMatcher>;
