import { z } from 'zod';

/** Limits that both sides know: the widget checks them before sending, the server enforces them. */
export const Limits = {
  messageText: 4000,
  clientId: 64,
  comment: 1000,
  trailEntries: 50,
  name: 120,
  email: 254,
  url: 2048,
  /** Pages kept in a visitor's page history. */
  pageHistory: 20,
  /** Open conversations in one `inbox:list` answer (and its default). */
  inboxPage: 500,
} as const;

const id = z.string().min(1).max(64);
const clientId = z
  .string()
  .min(8)
  .max(Limits.clientId)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
const text = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'must not be empty').max(Limits.messageText));
const short = (max: number) => z.string().max(max);
/**
 * Zero-width spaces, word joiners, byte-order marks and bidi embeddings, overrides and isolates: invisible, and
 * able to make one name pass for another. Dropped from visitors' names; the joiners (U+200C, U+200D) and
 * direction marks (U+200E, U+200F) that scripts need stay.
 */
const INVISIBLE = /[\u200B\u2060\uFEFF\u202A-\u202E\u2066-\u2069]/g;
const personName = short(Limits.name).transform((s) => s.replace(INVISIBLE, ''));

export const pageContextSchema = z
  .object({
    url: short(Limits.url).optional(),
    title: short(300).optional(),
    referrer: short(Limits.url).optional(),
    locale: short(35).optional(),
    timeZone: short(64).optional(),
    userAgent: short(512).optional(),
  })
  .strict();

/** When a self-service step happened: an ISO time (agents read it as a time, never as "Invalid Date"). */
const at = z.iso.datetime({ offset: true });
export const trailEntrySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('search'),
    query: short(200),
    resultCount: z.number().int().min(0).max(1000),
    at,
  }),
  z.object({ kind: z.literal('article'), slug: short(200), title: short(300), at }),
  z.object({ kind: z.literal('vote'), slug: short(200), helpful: z.boolean(), at }),
]);

export const visitorSessionSchema = z.object({ context: pageContextSchema.optional() }).strict();

/** One search a visitor made and how many articles it answered with (content gaps and the reports funnel). */
export const searchEventSchema = z
  .object({
    kind: z.literal('search'),
    query: z.string().trim().min(1).max(200),
    resultCount: z.number().int().min(0).max(1000),
  })
  .strict();

/** Self-service events the widget reports for content-gap reports (`POST /api/visitor/events`). */
export const selfServiceEventsSchema = z
  .object({
    events: z
      .array(
        z.discriminatedUnion('kind', [
          searchEventSchema,
          z
            .object({
              kind: z.literal('vote'),
              slug: z.string().min(1).max(200),
              helpful: z.boolean(),
              query: z.string().max(200).optional(),
            })
            .strict(),
        ]),
      )
      .min(1)
      .max(20),
  })
  .strict();

export const conversationStartSchema = z
  .object({
    clientId,
    text,
    email: z.email().max(Limits.email).optional(),
    name: personName.optional(),
    context: pageContextSchema.optional(),
    trail: z.array(trailEntrySchema).max(Limits.trailEntries).optional(),
  })
  .strict();

/** A file uploaded to the conversation first (POST /api/attachments/:conversationId), by its SHA-256. */
export const attachmentRefSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 the upload answered'),
    name: z.string().trim().min(1).max(200),
    type: z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']),
    size: z.number().int().min(1),
    width: z.number().int().min(1).optional(),
    height: z.number().int().min(1).optional(),
  })
  .strict();
const attachments = z.array(attachmentRefSchema).min(1).max(10).optional();

export const messageSendSchema = z.object({ conversationId: id, clientId, text, attachments }).strict();
/** A knowledge-base article a reply points to: the widget opens it inline; its URL opens a readable page. */
export const articleRefSchema = z
  .object({
    slug: z
      .string()
      .max(200)
      .regex(
        /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/,
        'an article slug, like returns/return-an-item',
      ),
    title: z.string().trim().min(1).max(300),
  })
  .strict();

export const agentMessageSendSchema = z
  .object({
    conversationId: id,
    clientId,
    text,
    internal: z.boolean().optional(),
    article: articleRefSchema.optional(),
    attachments,
  })
  .strict();

export const syncSchema = z
  .object({
    /** Per conversation, the highest seq the client already has. */
    since: z.record(id, z.number().int().min(0)).optional(),
  })
  .strict();

export const conversationRefSchema = z.object({ conversationId: id }).strict();
/** `inbox:list`: a page of the open conversations (oldest first) after `after`, at most `limit` of them. */
export const inboxListSchema = z
  .object({ limit: z.number().int().min(1).max(Limits.inboxPage).optional(), after: id.optional() })
  .strict();
export const typingSchema = z.object({ conversationId: id, typing: z.boolean() }).strict();
export const readSchema = z.object({ conversationId: id, seq: z.number().int().min(0) }).strict();
/** A page the widget loaded on; http(s) URLs only (anything else is refused, not stored). */
export const pageViewSchema = z
  .object({
    url: z
      .string()
      .max(Limits.url)
      .refine((u) => {
        try {
          return ['http:', 'https:'].includes(new URL(u).protocol);
        } catch {
          return false;
        }
      }, 'must be an http(s) URL'),
    title: short(300).optional(),
  })
  .strict();
export const rateSchema = z
  .object({
    conversationId: id,
    rating: z.number().int().min(1).max(5),
    comment: short(Limits.comment).optional(),
  })
  .strict();
export const identifySchema = z
  .object({
    name: personName.optional(),
    email: z.email().max(Limits.email).optional(),
    hash: z
      .string()
      .regex(/^[a-f0-9]{64}$/i)
      .optional(),
  })
  .strict();
export const transferSchema = z
  .object({ conversationId: id, toAgentId: id.nullable(), note: short(Limits.messageText).optional() })
  .strict();
export const agentStatusSchema = z.object({ status: z.enum(['online', 'away']) }).strict();
export const loginSchema = z
  .object({ email: z.string().min(3).max(Limits.email), password: z.string().min(1).max(200) })
  .strict();

export type ConversationStartInput = z.infer<typeof conversationStartSchema>;
export type MessageSendInput = z.infer<typeof messageSendSchema>;
export type AgentMessageSendInput = z.infer<typeof agentMessageSendSchema>;
export type SyncInput = z.infer<typeof syncSchema>;
export type ConversationRefInput = z.infer<typeof conversationRefSchema>;
export type InboxListInput = z.infer<typeof inboxListSchema>;
export type TypingInput = z.infer<typeof typingSchema>;
export type ReadInput = z.infer<typeof readSchema>;
export type RateInput = z.infer<typeof rateSchema>;
export type PageViewInput = z.infer<typeof pageViewSchema>;
export type IdentifyInput = z.infer<typeof identifySchema>;
export type TransferInput = z.infer<typeof transferSchema>;
export type AgentStatusInput = z.infer<typeof agentStatusSchema>;
export type LoginInput = z.infer<typeof loginSchema>;
