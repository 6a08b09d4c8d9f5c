import { useEffect, useState } from 'preact/hooks';
import type { AgentConnection, LinkState, Viewer } from './socket.ts';

const TYPING_TIMEOUT_MS = 6000;

/**
 * Other agents in the open conversation: who else has it open, and who is typing in it. Tells the server
 * what this console is viewing whenever the selection (or the link) changes.
 */
export function useColleagues(conn: AgentConnection, id: string | null, meId: string, link: LinkState) {
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const [typing, setTyping] = useState<string[]>([]);

  useEffect(() => {
    setViewers([]);
    setTyping([]);
    if (link !== 'connected') return;
    let live = true;
    conn.request('conversation:view', { conversationId: id }).then(
      (r) => live && setViewers(r.agents),
      () => undefined, // Presence is a courtesy.
    );
    return () => {
      live = false;
    };
  }, [conn, id, link]);

  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const offs = [
      conn.on('conversation:viewers', (e) => {
        if (e.conversationId === id) setViewers(e.agents);
      }),
      conn.on('typing:changed', (e) => {
        if (e.conversationId !== id || e.from !== 'agent' || !e.name) return;
        const name = e.name;
        clearTimeout(timers.get(name));
        setTyping((t) => (e.typing ? (t.includes(name) ? t : [...t, name]) : t.filter((n) => n !== name)));
        // A lost "stopped typing" must not leave the line up for ever.
        if (e.typing)
          timers.set(
            name,
            setTimeout(() => setTyping((t) => t.filter((n) => n !== name)), TYPING_TIMEOUT_MS),
          );
      }),
    ];
    return () => {
      for (const off of offs) off();
      for (const t of timers.values()) clearTimeout(t);
    };
  }, [conn, id]);

  return { others: viewers.filter((v) => v.id !== meId), typing };
}

/** "Ben is viewing", "Ben is typing…", "Ben and Cy are viewing". */
export function colleaguesText(others: Viewer[], typing: string[]): string | null {
  const join = (names: string[]) =>
    names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  if (typing.length) return `${join(typing)} ${typing.length > 1 ? 'are' : 'is'} typing…`;
  if (others.length)
    return `${join(others.map((o) => o.name))} ${others.length > 1 ? 'are' : 'is'} also viewing`;
  return null;
}
