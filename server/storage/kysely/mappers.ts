import type { Selectable } from 'kysely';
import type {
  AgentRow,
  ConversationPatch,
  ConversationRow,
  InviteRow,
  MessageRow,
  PageVisitRow,
  SavedReplyRow,
  VisitorRow,
} from '../rows.ts';
import type { Database } from '../schema.ts';

/** Table rows (snake_case, 0/1, JSON text) to the rows the domain sees, and back for patches. */

export type Row<T extends keyof Database> = Selectable<Database[T]>;

export const agent = (r: Row<'agents'>): AgentRow => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  status: r.status,
  maxChats: Number(r.max_chats),
  disabled: Number(r.disabled) === 1,
  mustChangePassword: Number(r.must_change_password) === 1,
  createdAt: r.created_at,
});

export const invite = (r: Row<'agent_invites'>): InviteRow => ({
  id: r.id,
  tokenHash: r.token_hash,
  email: r.email,
  name: r.name,
  role: r.role,
  maxChats: r.max_chats === null ? null : Number(r.max_chats),
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  acceptedAt: r.accepted_at,
  revokedAt: r.revoked_at,
});

export const visitor = (r: Row<'visitors'>): VisitorRow => ({
  id: r.id,
  name: r.name,
  email: r.email,
  verified: Number(r.verified) === 1,
  context: JSON.parse(r.context) as Record<string, string>,
  pages: JSON.parse(r.pages) as PageVisitRow[],
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
});

export const conversation = (r: Row<'conversations'>): ConversationRow => ({
  id: r.id,
  visitorId: r.visitor_id,
  status: r.status,
  agentId: r.agent_id,
  lastSeq: Number(r.last_seq),
  preview: r.preview,
  trail: JSON.parse(r.trail) as unknown[],
  visitorReadSeq: Number(r.visitor_read_seq),
  agentReadSeq: Number(r.agent_read_seq),
  visitorDeliveredSeq: Number(r.visitor_delivered_seq),
  agentDeliveredSeq: Number(r.agent_delivered_seq),
  rating: r.rating === null ? null : Number(r.rating),
  ratingComment: r.rating_comment,
  waitingSince: r.waiting_since,
  lastMessageAt: r.last_message_at,
  closedAt: r.closed_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const message = (r: Row<'messages'>): MessageRow => ({
  id: r.id,
  conversationId: r.conversation_id,
  seq: Number(r.seq),
  clientId: r.client_id,
  author: r.author,
  authorId: r.author_id,
  authorName: r.author_name,
  text: r.text,
  system: parseSystem(r.system_event),
  createdAt: r.created_at,
});

/** A stored system event; a value that is not a JSON object reads as none (the message shows its text). */
export function parseSystem(raw: string | null): Record<string, unknown> | null {
  if (!raw) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export const savedReply = (r: Row<'saved_replies'>): SavedReplyRow => ({
  id: r.id,
  shortcut: r.shortcut,
  title: r.title,
  text: r.text,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** A LIKE pattern matching `text` anywhere, with the wildcards in it taken literally. */
export const containsPattern = (text: string) =>
  `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function conversationColumns(p: ConversationPatch) {
  const out: Partial<Database['conversations']> = {};
  if (p.status !== undefined) out.status = p.status;
  if (p.agentId !== undefined) out.agent_id = p.agentId;
  if (p.visitorReadSeq !== undefined) out.visitor_read_seq = p.visitorReadSeq;
  if (p.agentReadSeq !== undefined) out.agent_read_seq = p.agentReadSeq;
  if (p.visitorDeliveredSeq !== undefined) out.visitor_delivered_seq = p.visitorDeliveredSeq;
  if (p.agentDeliveredSeq !== undefined) out.agent_delivered_seq = p.agentDeliveredSeq;
  if (p.rating !== undefined) out.rating = p.rating;
  if (p.ratingComment !== undefined) out.rating_comment = p.ratingComment;
  if (p.waitingSince !== undefined) out.waiting_since = p.waitingSince;
  if (p.closedAt !== undefined) out.closed_at = p.closedAt;
  if (p.updatedAt !== undefined) out.updated_at = p.updatedAt;
  return out;
}

export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint/.test(e.message ?? '')
  );
}
