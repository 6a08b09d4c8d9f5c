import { useEffect } from 'preact/hooks';

export const BASE_TITLE = 'Parley Console';

/** "(3) Parley Console": waiting visitors plus my unread chats show in the tab, even when it is in the back. */
export const titleFor = (count: number) => (count > 0 ? `(${count}) ${BASE_TITLE}` : BASE_TITLE);

export function useDocumentTitle(count: number) {
  useEffect(() => {
    // Effects may run after the page (or a test's DOM) is gone.
    if (typeof document !== 'undefined') document.title = titleFor(count);
  }, [count]);
  useEffect(
    () => () => {
      if (typeof document !== 'undefined') document.title = BASE_TITLE;
    },
    [],
  );
}
