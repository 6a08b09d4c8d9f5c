import { z } from 'zod';
import { searchEventSchema } from '../../protocol/schemas.ts';
import type { SessionEventRow } from '../../storage/reports-store.ts';

/**
 * `POST /api/reports/sessions`: the widget's self-service funnel, one engaged session at a time. The widget
 * makes a session id only when the visitor engages (searches or opens an article); the server drops any
 * batch of a session it has not seen engage, so nothing is stored before engagement.
 */
export const sessionEventsSchema = z
  .object({
    session: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a session id of 8 to 64 letters, digits, - or _'),
    events: z
      .array(
        z.discriminatedUnion('kind', [
          searchEventSchema,
          z
            .object({
              kind: z.literal('view'),
              slug: z.string().min(1).max(200),
              query: z.string().trim().max(200).optional(),
            })
            .strict(),
          z
            .object({ kind: z.literal('vote'), slug: z.string().min(1).max(200), helpful: z.boolean() })
            .strict(),
          z.object({ kind: z.literal('ask') }).strict(),
          z.object({ kind: z.literal('chat'), conversationId: z.string().min(1).max(64) }).strict(),
        ]),
      )
      .min(1)
      .max(20),
  })
  .strict();

export type SessionEvents = z.infer<typeof sessionEventsSchema>;

/** True when the batch itself shows engagement (a search or an article opened). */
export const engages = (batch: SessionEvents) =>
  batch.events.some((e) => e.kind === 'search' || e.kind === 'view');

export function sessionRows(batch: SessionEvents, at: string): SessionEventRow[] {
  return batch.events.map((e) => ({
    session_id: batch.session,
    kind: e.kind,
    slug: e.kind === 'view' || e.kind === 'vote' ? e.slug : null,
    query:
      e.kind === 'search'
        ? e.query.toLowerCase()
        : e.kind === 'view' && e.query
          ? e.query.toLowerCase()
          : null,
    helpful: e.kind === 'vote' ? (e.helpful ? 1 : 0) : null,
    conversation_id: e.kind === 'chat' ? e.conversationId : null,
    created_at: at,
  }));
}
