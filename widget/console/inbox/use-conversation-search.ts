import { useEffect, useState } from 'preact/hooks';
import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';

const DEBOUNCE_MS = 250;

/** Server-side search over every conversation (visitor name, email, message text), debounced. */
export function useConversationSearch(
  query: string,
  searchConversations?: (q: string) => Promise<AgentConversationDTO[]>,
) {
  const [results, setResults] = useState<AgentConversationDTO[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = query.trim();

  useEffect(() => {
    if (q.length < 2 || !searchConversations) {
      setResults(null);
      setError(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      searchConversations(q).then(
        (found) => {
          if (!live) return;
          setResults(found);
          setError(null);
        },
        (err: Error) => live && setError(`Search failed: ${err.message}`),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [searchConversations, q]);

  return { active: Boolean(searchConversations) && q.length >= 2, results, error };
}
