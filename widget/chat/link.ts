import { GAP_WAIT_MS, hasGap, held } from '../ui/transcript.ts';
import type { VisitorConnection } from './client.ts';
import type { ChatCore } from './core.ts';
import { retryDelay } from './outbox.ts';
import type { TabNote } from './tabs.ts';

/**
 * The realtime link: opens it when there is something to send or a conversation to follow, turns every fact, tab
 * note and sync answer into one `received` event, and asks for everything after the resync point whenever the
 * transcript has a gap (docs/protocol.md, "Resync").
 */
export function createLink(core: ChatCore, hooks: { connected(c: VisitorConnection): void }) {
  const { deps, get, dispatch } = core;
  let connecting: Promise<VisitorConnection> | null = null;
  let syncing: { c: VisitorConnection; p: Promise<void> } | null = null;
  let reauthed = false;
  let attempts = 0;
  let fills = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let fillTimer: ReturnType<typeof setTimeout> | undefined;
  let waitTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * Asks for everything after the resync point; adopts a conversation another tab started. One at a time per link
   * (a new link does not wait for an answer the old one will never get).
   */
  const sync = (c: VisitorConnection): Promise<void> => {
    if (syncing?.c === c) return syncing.p;
    const p = (async () => {
      const { conversation, transcript } = get();
      const open = conversation && conversation.status !== 'closed' ? conversation.id : undefined;
      const id = open ?? deps.session.get()?.conversationId ?? conversation?.id;
      const since = id && id === conversation?.id ? transcript.through : 0;
      const r = await c.request('conversation:sync', { since: id ? { [id]: since } : {} });
      const found =
        r.conversations.find((x) => x.id === id) ??
        (conversation?.status === 'closed' ? undefined : r.conversations.find((x) => x.status !== 'closed'));
      if (!found) {
        if (id) deps.session.setConversation(null); // gone (e.g. a reset server): the next message starts anew
        return;
      }
      const messages = r.messages.filter((m) => m.conversationId === found.id);
      dispatch({
        type: 'received',
        conversation: found,
        messages,
        replace: true,
        since: found.id === id ? since : 0,
      });
    })().finally(() => {
      if (syncing?.p !== p) return;
      syncing = null;
      afterSync();
    });
    syncing = { c, p };
    return p;
  };

  /** A gap: ask for it. Again at once if an answer left one (a fact came past a new gap meanwhile), then backing off. */
  const fill = () => {
    const c = core.conn;
    if (syncing || fillTimer || !c || get().link !== 'connected' || !hasGap(get().transcript)) return;
    void sync(c).catch(() => {});
  };
  const afterSync = () => {
    if (core.disposed || !hasGap(get().transcript)) {
      fills = 0;
      return;
    }
    fillTimer ??= setTimeout(
      () => {
        fillTimer = undefined;
        fill();
      },
      fills++ ? retryDelay(fills - 2) : 0,
    );
  };

  core.effect((_, after) => {
    if (core.disposed) return;
    if (hasGap(after.transcript)) fill();
    // Past a gap, messages wait a moment for it; then they show in seq order, and the gap is still asked for.
    if (held(after.transcript).length) {
      waitTimer ??= setTimeout(() => {
        waitTimer = undefined;
        dispatch({ type: 'released' });
      }, GAP_WAIT_MS);
    } else if (waitTimer) {
      clearTimeout(waitTimer);
      waitTimer = undefined;
    }
  });

  const ours = (id: string) => id === get().conversation?.id;
  // Another tab (same visitor token) may start a conversation: adopt it when this tab has none open.
  const adoptable = () => !get().conversation || get().conversation?.status === 'closed';

  const open = (token: string) => {
    const c = deps.connect(token);
    core.conn = c;
    dispatch({ type: 'link', link: 'connecting' });
    c.on('message:created', (m) => {
      if (ours(m.conversationId)) dispatch({ type: 'received', messages: [m] });
      else if (adoptable() && m.author === 'visitor') void sync(c).catch(() => {});
    });
    c.on('conversation:updated', (x) => {
      if (ours(x.id)) dispatch({ type: 'received', conversation: x });
      else if (adoptable() && x.status !== 'closed' && !get().outbox.length) void sync(c).catch(() => {});
    });
    c.on('typing:changed', (e) => {
      if (ours(e.conversationId)) dispatch({ type: 'typing', name: e.typing ? (e.name ?? '') : null });
    });
    c.onState((link) => {
      if (core.conn !== c || core.disposed) return;
      dispatch({ type: 'link', link });
      if (link === 'connected') {
        attempts = 0;
        const who = deps.identity();
        if (who) c.request('visitor:identify', who).catch(() => {});
        void sync(c)
          .catch(() => {})
          .then(() => hooks.connected(c));
      } else if (link === 'unauthorized' && !reauthed) {
        // The token was refused (expired, or a reset server): start over as a new visitor, keeping the outbox.
        reauthed = true;
        c.close();
        core.conn = null;
        connecting = null;
        deps.session.clear();
        dispatch({ type: 'reset', recheck: false });
        void ensureConnected().catch(() => {});
      }
    });
    return c;
  };

  const ensureConnected = (): Promise<VisitorConnection> => {
    connecting ||= (async () => {
      const stored = deps.session.get() ?? (await deps.session.create(deps.context()));
      return open(stored.token);
    })();
    connecting.catch(() => {
      connecting = null;
      // No session (the server is down): keep the outbox and try again shortly.
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => {
        if (get().outbox.length) void ensureConnected().catch(() => {});
      }, retryDelay(attempts++));
    });
    return connecting;
  };
  const connect = () => void ensureConnected().catch(() => {});

  /** A message or a conversation from another tab of this site: the same `received` path as the server's facts. */
  const onNote = (n: TabNote) => {
    if (n.kind === 'message' && ours(n.message.conversationId)) {
      dispatch({ type: 'received', messages: [n.message] });
    } else if (n.kind === 'message' && n.conversation && adoptable()) {
      dispatch({ type: 'received', conversation: n.conversation, messages: [n.message], replace: true });
      if (!core.conn) connect(); // for the replies
    } else if (n.kind === 'conversation' && ours(n.conversation.id)) {
      // A note may be older than a fact this tab already has.
      if (n.conversation.updatedAt >= (get().conversation?.updatedAt ?? ''))
        dispatch({ type: 'received', conversation: n.conversation });
    }
  };

  return {
    ensureConnected,
    connect,
    onNote,
    /** Another tab started a conversation: follow it (when this tab has none open). */
    followSession() {
      const id = deps.session.get()?.conversationId;
      if (!id || ours(id) || !adoptable()) return;
      if (core.conn) void sync(core.conn).catch(() => {});
      else connect();
    },
    dispose() {
      clearTimeout(retryTimer);
      clearTimeout(fillTimer);
      clearTimeout(waitTimer);
      core.conn?.close();
    },
  };
}
