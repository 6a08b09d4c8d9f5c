import { z } from 'zod';
import type { AgentClientEvents, VisitorClientEvents } from '../protocol/events.ts';
import {
  agentMessageSendSchema,
  agentStatusSchema,
  conversationRefSchema,
  conversationStartSchema,
  identifySchema,
  inboxListSchema,
  messageSendSchema,
  pageViewSchema,
  rateSchema,
  readSchema,
  syncSchema,
  transferSchema,
  typingSchema,
} from '../protocol/schemas.ts';
import type { CommandSchemas } from './binder.ts';

/** Which conversation a console shows (null: none). */
const viewSchema = z.object({ conversationId: z.string().min(1).max(64).nullable() }).strict();

/** Every command a visitor may send, with the schema its payload must pass. */
export const visitorCommands = {
  'conversation:start': conversationStartSchema,
  'message:send': messageSendSchema,
  'conversation:sync': syncSchema,
  'typing:set': typingSchema,
  'message:read': readSchema,
  'message:delivered': readSchema,
  'page:viewed': pageViewSchema,
  'conversation:close': conversationRefSchema,
  'conversation:rate': rateSchema,
  'visitor:identify': identifySchema,
} satisfies CommandSchemas<VisitorClientEvents>;

/** Every command an agent's console may send, with the schema its payload must pass. */
export const agentCommands = {
  'inbox:list': inboxListSchema,
  'conversation:open': conversationRefSchema,
  'conversation:claim': conversationRefSchema,
  'conversation:transfer': transferSchema,
  'conversation:close': conversationRefSchema,
  'conversation:reopen': conversationRefSchema,
  'message:send': agentMessageSendSchema,
  'typing:set': typingSchema,
  'message:read': readSchema,
  'message:delivered': readSchema,
  'agent:status': agentStatusSchema,
  'conversation:view': viewSchema,
} satisfies CommandSchemas<AgentClientEvents>;
