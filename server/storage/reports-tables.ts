import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Reports' own tables (migrations 008). */
export interface ReportTables {
  report_conversations: {
    conversation_id: string;
    created_at: string;
    offline: number;
    agent_id: string | null;
    first_responder_id: string | null;
    first_response_s: number | null;
    /** The visitor's first message (first response runs from it); null in rows rolled up before 014. */
    first_message_at?: string | null;
    /** First response counted within the opening hours whose fingerprint is `business_key` (migration 011). */
    business_response_s?: number | null;
    business_key?: string | null;
    queue_wait_s: number | null;
    first_closed_at: string | null;
    close_s: number | null;
    reopened: number;
    missed: number;
    rating: number | null;
    rating_comment: string | null;
    rated_at: string | null;
    source_updated_at: string | null;
  };
  report_sessions: {
    session_id: string;
    first_at: string;
    searched: number;
    viewed: number;
    voted_helpful: number;
    asked: number;
    chatted: number;
    views: number;
    helpful_votes: number;
    conversation_id: string | null;
  };
  report_events: {
    id?: number;
    session_id: string;
    kind: string;
    slug: string | null;
    query: string | null;
    helpful: number | null;
    conversation_id: string | null;
    created_at: string;
  };
}

export type Db = Kysely<Database & ReportTables>;

/** How many engaged sessions reached each funnel step (`views`, `helpfulVotes`: events, not sessions). */
export interface SessionCounts {
  sessions: number;
  searched: number;
  viewed: number;
  votedHelpful: number;
  asked: number;
  chatted: number;
  rated: number;
  views: number;
  helpfulVotes: number;
}
export type FactRow = ReportTables['report_conversations'];
export type SessionEventRow = Omit<ReportTables['report_events'], 'id'>;

export const n = (v: unknown): number => Number(v ?? 0);
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const secondsBetween = (a: string | null, b: string | null) =>
  a && b && b >= a ? (Date.parse(b) - Date.parse(a)) / 1000 : null;

/** A position in the conversations' change order: (updated_at, id). */
export interface Mark {
  at: string;
  id: string;
}
