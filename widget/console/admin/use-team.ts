import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { InviteDTO } from '../../../server/protocol/accounts.ts';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { ApiError } from '../api.ts';
import { useDeps } from '../deps.ts';
import type { AgentConnection } from '../socket.ts';

const byName = (x: AgentDTO, y: AgentDTO) => x.name.localeCompare(y.name);
/** The list with `a` in place of its older self, by name. */
const withAgent = (list: AgentDTO[], a: AgentDTO) => [...list.filter((x) => x.id !== a.id), a].sort(byName);

/**
 * The team and the pending invites, kept current while the Agents screen is open: the console's realtime
 * link says when an invite is made, used or revoked (the lists are read again) and when an agent changes;
 * after the link was down, or when the window is back in front, the lists are read again too. An invite leaves
 * the list when it expires.
 */
export function useTeam(live: AgentConnection | undefined, onExpired: () => void) {
  const { api, now } = useDeps();
  const [agents, setAgents] = useState<AgentDTO[] | null>(null);
  const [invites, setInvites] = useState<InviteDTO[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [clock, setClock] = useState(now);

  const reload = useCallback(async () => {
    try {
      const [a, i] = await Promise.all([api.agents(), api.invites()]);
      setAgents([...a].sort(byName));
      setInvites(i);
      setLoadError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onExpired();
      else
        setLoadError('The team could not be loaded. Check the connection; the list updates when it is back.');
    }
  }, [api, onExpired]);

  useEffect(() => {
    void reload();
    // Changes made from the command line (`parley agent:invite`, `agent:add`) are not announced: the lists
    // are read again when this window gets the focus back (from the terminal, or from another tab; focus alone,
    // since a tab coming back also fires visibilitychange and the lists would be read twice).
    const onBack = () => void reload();
    window.addEventListener('focus', onBack);
    return () => window.removeEventListener('focus', onBack);
  }, [reload]);

  useEffect(() => {
    if (!live) return;
    let wasDown = false;
    const offInvite = live.on('invite:updated', () => void reload());
    const offAgent = live.on('agent:updated', (a) => setAgents((list) => list && withAgent(list, a)));
    const offState = live.onState((state) => {
      if (state !== 'connected') wasDown = true;
      else if (wasDown) {
        wasDown = false;
        void reload();
      }
    });
    return () => {
      offInvite();
      offAgent();
      offState();
    };
  }, [live, reload]);

  // Expiry is not announced: wake up when the next invite expires and drop it.
  const nextExpiry = useMemo(
    () => Math.min(...(invites ?? []).map((i) => Date.parse(i.expiresAt)).filter((t) => t > clock)),
    [invites, clock],
  );
  useEffect(() => {
    if (!Number.isFinite(nextExpiry)) return;
    const timer = setTimeout(() => setClock(now()), Math.min(nextExpiry - now() + 50, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [nextExpiry, now]);
  const pending = useMemo(
    () => (invites === null ? null : invites.filter((i) => Date.parse(i.expiresAt) > clock)),
    [invites, clock],
  );

  /** An agent as the server returned it after a change made here. */
  const put = useCallback((a: AgentDTO) => setAgents((list) => withAgent(list ?? [], a)), []);
  return { agents, invites: pending, setInvites, put, loadError };
}
