import { useCallback, useEffect, useState } from 'preact/hooks';
import { DEFAULT_PREFERENCES, type Preferences } from './api.ts';
import { useDeps } from './deps.ts';

/** The agent's alert preferences, loaded from and saved to the server. */
export function usePreferences() {
  const { api } = useDeps();
  const [prefs, setPrefs] = useState<Preferences>(DEFAULT_PREFERENCES);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.preferences().then(
      (p) => live && setPrefs(p),
      () => undefined, // The defaults do until the server answers.
    );
    return () => {
      live = false;
    };
  }, [api]);

  const save = useCallback(
    async (next: Preferences) => {
      setPrefs(next);
      try {
        setPrefs(await api.savePreferences(next));
        setError(null);
      } catch (err) {
        setError(`Your preferences could not be saved: ${(err as Error).message}`);
      }
    },
    [api],
  );
  return { prefs, save, error };
}
