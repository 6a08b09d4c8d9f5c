import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { ApiError } from '../api.ts';
import { useDeps } from '../deps.ts';

export type Session =
  | { phase: 'checking' }
  | { phase: 'signed-out'; notice: string | null }
  | { phase: 'signed-in'; agent: AgentDTO }
  /** Signed in with a one-time password: nothing but choosing one's own until it is done. */
  | { phase: 'choose-password'; agent: AgentDTO }
  /** The server stopped accepting the session; the workspace stays, under a sign-in panel. */
  | { phase: 'expired'; agent: AgentDTO };

export const SESSION_ENDED = 'Your session ended. Sign in again to continue.';

/** The one message for any bad credentials: it must not reveal which part was wrong. */
export const BAD_CREDENTIALS = 'Email or password is incorrect';

const signedIn = (agent: AgentDTO): Session =>
  agent.mustChangePassword ? { phase: 'choose-password', agent } : { phase: 'signed-in', agent };

/** Who is signed in: checks the cookie session on load, signs in and out, and drops an expired session. */
export function useSession() {
  const { api } = useDeps();
  const [session, setSession] = useState<Session>({ phase: 'checking' });

  useEffect(() => {
    let live = true;
    api.me().then(
      (agent) => live && setSession(agent ? signedIn(agent) : { phase: 'signed-out', notice: null }),
      () =>
        live && setSession({ phase: 'signed-out', notice: 'The server could not be reached. Try again.' }),
    );
    return () => {
      live = false;
    };
  }, [api]);

  /** Resolves with an error message to show, or null when signed in. */
  const signIn = useCallback(
    async (email: string, password: string): Promise<string | null> => {
      try {
        setSession(signedIn(await api.login(email, password)));
        return null;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'rate_limited') {
          return 'Too many attempts. Wait a minute, then try again.';
        }
        if (
          err instanceof ApiError &&
          (err.status === 401 || err.status === 400 || err.code === 'unauthorized')
        ) {
          return BAD_CREDENTIALS;
        }
        return 'The server could not be reached. Try again.';
      }
    },
    [api],
  );

  const signOut = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setSession({ phase: 'signed-out', notice: null });
    }
  }, [api]);

  /**
   * The server no longer accepts the session (expired, revoked, password changed elsewhere). The workspace
   * stays as it is under a sign-in panel, so nothing typed anywhere in it is lost.
   */
  const expire = useCallback(() => {
    setSession((s) =>
      s.phase === 'signed-in' || s.phase === 'expired'
        ? { phase: 'expired', agent: s.agent }
        : { phase: 'signed-out', notice: SESSION_ENDED },
    );
  }, []);

  /** Signed in some other way (an invite link accepted, a password chosen): the cookie is already set. */
  const adopt = useCallback((agent: AgentDTO) => setSession(signedIn(agent)), []);

  return { session, signIn, signOut, expire, adopt };
}
