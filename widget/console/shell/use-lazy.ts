import { useEffect, useState } from 'preact/hooks';

/** Loads a module with import() the first time it is needed; null until it has arrived. */
export function useLazy<T>(load: (() => Promise<T>) | null): { mod: T | null; error: boolean } {
  const [mod, setMod] = useState<T | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    if (!load || mod) return;
    let live = true;
    load().then(
      (m) => live && setMod(() => m),
      () => live && setError(true),
    );
    return () => {
      live = false;
    };
  }, [load, mod]);
  return { mod, error };
}
