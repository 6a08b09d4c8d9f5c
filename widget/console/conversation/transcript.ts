import type { ArticleRef, MessageDTO } from '../../../server/protocol/dto.ts';

/** A reply typed here that the server has not acknowledged yet. */
export interface PendingMessage {
  conversationId: string;
  /** Reused on retry, so the server stores the message once however often it is sent. */
  clientId: string;
  text: string;
  internal: boolean;
  /** The knowledge-base article the reply links to, which the visitor's widget opens inline. */
  article?: ArticleRef | undefined;
  state: 'sending' | 'failed';
  error: string | null;
}

/** Adds a message once, keeping seq order (facts and acks may both deliver it, in either order). */
export function mergeMessage(list: MessageDTO[], m: MessageDTO): MessageDTO[] {
  if (list.some((x) => x.id === m.id || x.seq === m.seq)) return list;
  const last = list[list.length - 1];
  if (!last || last.seq < m.seq) return [...list, m];
  return [...list, m].sort((a, b) => a.seq - b.seq);
}

/** True when a message skips seqs we never saw: the transcript must be fetched again. */
export function leavesGap(list: MessageDTO[], m: MessageDTO): boolean {
  const last = list[list.length - 1];
  return last ? m.seq > last.seq + 1 : m.seq > 1;
}

/** Drops pending entries the server has now stored. */
export function settlePending(pending: PendingMessage[], messages: MessageDTO[]): PendingMessage[] {
  const stored = new Set(messages.map((m) => m.clientId).filter(Boolean));
  const left = pending.filter((p) => !stored.has(p.clientId));
  return left.length === pending.length ? pending : left;
}
