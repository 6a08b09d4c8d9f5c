import type { Generated } from 'kysely';

/** Table shapes as Kysely sees them. Times are ISO-8601 strings, booleans 0/1, JSON as text: one shape on SQLite and Postgres. */
export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string;
  status: string;
  max_chats: number;
  disabled: number;
  /** 1 while the password is a one-time one the agent has not replaced yet. */
  must_change_password: number;
  created_at: string;
}

export interface AgentSessionsTable {
  token_hash: string;
  agent_id: string;
  created_at: string;
  expires_at: string;
}

export interface AgentInvitesTable {
  id: string;
  token_hash: string;
  email: string;
  name: string;
  role: string;
  max_chats: number | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
}

export interface VisitorsTable {
  id: string;
  token_hash: string;
  name: string | null;
  email: string | null;
  verified: number;
  context: string;
  /** JSON: the pages seen, oldest first (capped). */
  pages: string;
  created_at: string;
  last_seen_at: string;
}

export interface ConversationsTable {
  id: string;
  visitor_id: string;
  status: string;
  agent_id: string | null;
  last_seq: number;
  preview: string;
  trail: string;
  visitor_read_seq: number;
  agent_read_seq: number;
  visitor_delivered_seq: number;
  agent_delivered_seq: number;
  rating: number | null;
  rating_comment: string | null;
  waiting_since: string | null;
  last_message_at: string;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  /** The client id of the start that opened it; unique per visitor (null for conversations from before it). */
  start_client_id: string | null;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author: string;
  author_id: string | null;
  author_name: string | null;
  text: string;
  /** JSON: what a system message says, as a kind and its parameters (null for the others, and older ones). */
  system_event: string | null;
  created_at: string;
}

export interface ConversationEventsTable {
  id: Generated<number>;
  conversation_id: string;
  kind: string;
  agent_id: string | null;
  data: string;
  created_at: string;
}

export interface SearchEventsTable {
  id: Generated<number>;
  query: string;
  result_count: number;
  escalated: Generated<number>;
  visitor_id: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SavedRepliesTable {
  id: string;
  shortcut: string;
  title: string;
  text: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface KbFeedbackTable {
  id: Generated<number>;
  slug: string;
  helpful: number;
  query: string | null;
  visitor_id: string | null;
  created_at: string;
}

export interface Database {
  settings: SettingsTable;
  saved_replies: SavedRepliesTable;
  kb_feedback: KbFeedbackTable;
  agents: AgentsTable;
  agent_sessions: AgentSessionsTable;
  agent_invites: AgentInvitesTable;
  visitors: VisitorsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
  conversation_events: ConversationEventsTable;
  search_events: SearchEventsTable;
}
