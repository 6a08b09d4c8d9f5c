import { useCallback, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';

/** Describes a failed call for people: the server's validation issues when there are any. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'The server could not be reached. Try again.';
}

/**
 * Runs API calls for a screen: tracks busy and error, and sends the agent back to sign-in when the
 * session has ended (nothing typed is lost: the screen's state stays until then).
 */
export function useRequest(onExpired: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(null);
      try {
        return await fn();
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) onExpired();
        else setError(describeError(err));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [onExpired],
  );
  return { busy, error, setError, run };
}
