import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConsoleApi } from './api.ts';
import type { AgentConnection } from './socket.ts';

/** The console's seams: main.tsx passes the real HTTP api and socket, tests pass fakes. */
export interface ConsoleDeps {
  api: ConsoleApi;
  /** Opens a realtime link for the signed-in agent; called once per signed-in session. */
  connect: () => AgentConnection;
  /** Wall clock in ms, so tests can pin "waiting 4 min". */
  now: () => number;
}

export const DepsContext = createContext<ConsoleDeps | null>(null);

export function useDeps(): ConsoleDeps {
  const deps = useContext(DepsContext);
  if (!deps) throw new Error('useDeps() outside <DepsContext.Provider>');
  return deps;
}
