import { useEffect, useRef } from 'preact/hooks';
import { type ShortcutAction, shortcutFor } from './shortcuts.ts';

/** Listens for the console's shortcuts on the document and runs the matching handler. */
export function useShortcuts(handlers: Partial<Record<ShortcutAction, () => void>>) {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e);
      const run = action && latest.current[action];
      if (!run) return;
      e.preventDefault();
      run();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
