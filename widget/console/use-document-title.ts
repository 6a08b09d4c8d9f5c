import { useEffect } from 'preact/hooks';

export const BASE_TITLE = 'Parley Console';

/** "(2) Parley Console": the waiting count shows in the browser tab, even when the tab is in the back. */
export const titleFor = (waiting: number) => (waiting > 0 ? `(${waiting}) ${BASE_TITLE}` : BASE_TITLE);

export function useDocumentTitle(waiting: number) {
  useEffect(() => {
    document.title = titleFor(waiting);
  }, [waiting]);
  useEffect(
    () => () => {
      document.title = BASE_TITLE;
    },
    [],
  );
}
