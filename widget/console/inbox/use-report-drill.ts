import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AgentConversationDTO } from '../../../server/protocol/dto.ts';
import { fetchDrill, parseDrill } from '../reports/drill.ts';

/**
 * The inbox's Reports view: while the location names a drill-down (`#inbox/report?…`), the conversations
 * behind that count, a page at a time. `close` drops the view (and the hash) and shows the inbox lists again.
 */
export function useReportDrill(fetchPage = fetchDrill) {
  const [view, setView] = useState(() => ({ drill: parseDrill(location.hash), page: 1 }));
  const [items, setItems] = useState<AgentConversationDTO[] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { drill, page } = view;

  useEffect(() => {
    const onHash = () => {
      const next = parseDrill(location.hash);
      if (next) setView({ drill: next, page: 1 });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!drill) return;
    let live = true;
    if (page === 1) {
      setItems(null);
      setTotal(null);
    }
    setError(null);
    fetchPage(drill, page).then(
      (p) => {
        if (!live) return;
        setTotal(p.total);
        setItems((prev) => [...(page === 1 ? [] : (prev ?? [])), ...p.conversations]);
      },
      (err: Error) => live && setError(`The report's conversations could not be loaded: ${err.message}`),
    );
    return () => {
      live = false;
    };
  }, [drill, page, fetchPage]);

  const close = useCallback(() => {
    if (parseDrill(location.hash)) history.replaceState(null, '', location.pathname + location.search);
    setView({ drill: null, page: 1 });
  }, []);
  const more = useCallback(() => setView((v) => ({ ...v, page: v.page + 1 })), []);

  return {
    drill,
    items,
    total,
    error,
    hasMore: items !== null && total !== null && items.length < total,
    more,
    close,
  };
}

export type ReportDrillState = ReturnType<typeof useReportDrill>;
