import {
  type AgentConversationDTO,
  type AgentRef,
  type ArticleRef,
  type AttachmentRef,
  type MessageAuthor,
  type MessageDTO,
  type SystemEvent,
  SystemEventKind,
  type TrailEntry,
  type VisitorConversationDTO,
  type VisitorDTO,
} from '../../protocol/dto.ts';
import type { AgentConversationDetail } from '../../protocol/events.ts';
import type { ConversationRow, MessageRow, VisitorRow } from '../../storage/store.ts';

/** Pure mappings from stored rows to what each side may see. */

export function messageDTO(m: MessageRow): MessageDTO {
  const system = m.author === 'system' ? systemEvent(m.system) : undefined;
  const article = m.author === 'agent' || m.author === 'note' ? articleRef(m.system) : undefined;
  const files = m.author === 'system' ? undefined : attachmentRefs(m.system);
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    clientId: m.clientId,
    author: m.author as MessageAuthor,
    authorName: m.authorName,
    text: m.text,
    ...(system ? { system } : {}),
    ...(article ? { article } : {}),
    ...(files ? { attachments: files } : {}),
    createdAt: m.createdAt,
  };
}

/** An agent's reply stores the article it points to in the same JSON column as a system line's event. */
function articleRef(raw: Record<string, unknown> | null): ArticleRef | undefined {
  if (raw?.kind === 'article' && typeof raw.slug === 'string' && typeof raw.title === 'string')
    return { slug: raw.slug, title: raw.title };
  return undefined;
}

/** Files a visitor's or agent's message carries, stored as `files` in the same JSON column. */
function attachmentRefs(raw: Record<string, unknown> | null): AttachmentRef[] | undefined {
  const files = raw?.files;
  return Array.isArray(files) && files.length > 0 ? (files as AttachmentRef[]) : undefined;
}

/** A stored system event in the shape the protocol promises; anything else is left out (its text shows). */
function systemEvent(raw: Record<string, unknown> | null): SystemEvent | undefined {
  if (raw?.kind === SystemEventKind.agentJoined && typeof raw.agentName === 'string')
    return { kind: SystemEventKind.agentJoined, agentName: raw.agentName };
  if (raw?.kind === SystemEventKind.visitorEnded) return { kind: SystemEventKind.visitorEnded };
  return undefined;
}

export interface QueueFacts {
  position: number | null;
  waitEstimateSeconds: number | null;
}

/** Not in the queue. */
export const NO_QUEUE: QueueFacts = { position: null, waitEstimateSeconds: null };

export function visitorConversationDTO(
  c: ConversationRow,
  agent: AgentRef | null,
  queue: QueueFacts,
): VisitorConversationDTO {
  return {
    id: c.id,
    status: c.status as VisitorConversationDTO['status'],
    lastSeq: c.lastSeq,
    agent,
    queuePosition: c.status === 'waiting' ? queue.position : null,
    waitEstimateSeconds: c.status === 'waiting' ? queue.waitEstimateSeconds : null,
    agentReadSeq: c.agentReadSeq,
    agentDeliveredSeq: Math.max(c.agentDeliveredSeq, c.agentReadSeq),
    rating: c.rating,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export function agentConversationDTO(
  c: ConversationRow,
  visitor: VisitorRow | undefined,
  agent: AgentRef | null,
  position: number | null,
): AgentConversationDTO {
  return {
    id: c.id,
    status: c.status as AgentConversationDTO['status'],
    lastSeq: c.lastSeq,
    agent,
    visitor: {
      id: c.visitorId,
      name: visitor?.name ?? null,
      email: visitor?.email ?? null,
      verified: visitor?.verified ?? false,
    },
    preview: c.preview,
    lastMessageAt: c.lastMessageAt,
    waitingSince: c.waitingSince,
    queuePosition: c.status === 'waiting' ? position : null,
    visitorReadSeq: c.visitorReadSeq,
    visitorDeliveredSeq: Math.max(c.visitorDeliveredSeq, c.visitorReadSeq),
    agentReadSeq: c.agentReadSeq,
    rating: c.rating,
    ratingComment: c.ratingComment,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** The first words of a question, for the inbox. */
export function previewOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 140 ? `${flat.slice(0, 139)}…` : flat;
}

export function visitorDTO(v: VisitorRow): VisitorDTO {
  return {
    id: v.id,
    name: v.name,
    email: v.email,
    verified: v.verified,
    context: v.context,
    pages: v.pages,
    createdAt: v.createdAt,
  };
}

/** The conversation an agent opens: its messages (notes included), the visitor, their trail and past chats. */
export function conversationDetailDTO(d: {
  conversation: AgentConversationDTO;
  messages: MessageRow[];
  visitor: VisitorRow;
  trail: unknown[];
  previous: AgentConversationDTO[];
}): AgentConversationDetail {
  return {
    conversation: d.conversation,
    messages: d.messages.map(messageDTO),
    visitor: visitorDTO(d.visitor),
    trail: d.trail as TrailEntry[],
    previous: d.previous,
  };
}
