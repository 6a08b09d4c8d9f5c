import { useEffect, useState } from 'preact/hooks';
import type { SearchHit } from '../../server/domain/knowledge-base/types.ts';
import type { KbApi } from './api.ts';

/** `results` stay those of the last finished search while a newer one loads, so the list does not flicker. */
export interface SearchState {
  status: 'idle' | 'loading' | 'done' | 'error';
  query: string;
  results: SearchHit[];
}

export const SEARCH_DEBOUNCE_MS = 150;
const MIN_LENGTH = 2;
const IDLE: SearchState = { status: 'idle', query: '', results: [] };

/** Search-as-you-type: waits for a pause in typing and aborts the request a newer query replaces. */
export function useSearch(
  kb: KbApi,
  raw: string,
  onResults?: (query: string, count: number) => void,
  attempt = 0,
): SearchState {
  const query = raw.trim();
  const [state, setState] = useState<SearchState>(IDLE);

  useEffect(() => {
    if (query.length < MIN_LENGTH) {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, status: 'loading', query }));
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      kb.search(query, ctrl.signal).then(
        (r) => {
          if (ctrl.signal.aborted) return;
          setState({ status: 'done', query, results: r.results });
          onResults?.(query, r.results.length);
        },
        () => {
          if (!ctrl.signal.aborted) setState({ status: 'error', query, results: [] });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
    // onResults is a side-effect callback: a new identity must not search again.
  }, [kb, query, attempt]);

  return state;
}
