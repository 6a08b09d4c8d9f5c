import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../server/lib/logger.ts';
import type { MessageDTO, VisitorConversationDTO } from '../../server/protocol/dto.ts';
import type { Ack } from '../../server/protocol/errors.ts';
import type { VisitorClientEvents } from '../../server/protocol/events.ts';
import { messageSendSchema, rateSchema, typingSchema } from '../../server/protocol/schemas.ts';
import {
  type CommandHandlers,
  type CommandInput,
  type CommandResult,
  type CommandSchemas,
  type CommandSocket,
  commandBinder,
} from '../../server/realtime/binder.ts';
import { agentCommands, type visitorCommands } from '../../server/realtime/commands.ts';
import { request } from '../support/request.ts';
import type { VisitorSocket } from '../support/server.ts';

declare const v: VisitorSocket;

// These tests run in the type checker (`npm run typecheck`, and vitest's typecheck): each `@ts-expect-error`
// fails the build if the line under it ever compiles.

/** Two commands, to keep the mistakes below short. */
type Events = Pick<VisitorClientEvents, 'message:send' | 'conversation:close'>;
const bind = commandBinder<Events>();
declare const socket: CommandSocket<Events>;
const opts = { logger: silentLogger(), key: 'v', budget: () => undefined };
const schemas = {
  'message:send': messageSendSchema,
  'conversation:close': z.object({ conversationId: z.string() }).strict(),
} satisfies CommandSchemas<Events>;
declare const message: MessageDTO;
declare const conversation: VisitorConversationDTO;
const handlers: CommandHandlers<Events> = {
  'message:send': async () => ({ message }),
  'conversation:close': async () => ({ conversation }),
};

describe('the command binder', () => {
  it('reads payloads and results off the event maps', () => {
    expectTypeOf<CommandInput<VisitorClientEvents['message:send']>>().toEqualTypeOf<
      z.infer<typeof messageSendSchema>
    >();
    expectTypeOf<CommandResult<VisitorClientEvents['message:send']>>().toEqualTypeOf<{
      message: MessageDTO;
    }>();
    expectTypeOf<CommandResult<VisitorClientEvents['typing:set']>>().toEqualTypeOf<null>();
    bind(socket, schemas, handlers, opts);
  });

  it('refuses a schema that does not produce the command payload', () => {
    // Another command's schema, of another shape: `satisfies` refuses it.
    const wrongShape = {
      // @ts-expect-error typing:set's schema for message:send
      'message:send': typingSchema,
      'conversation:close': schemas['conversation:close'],
    } satisfies CommandSchemas<Events>;
    // The rating schema asks for more than conversation:close carries: Zod's covariance lets it through
    // `satisfies`, the binder does not.
    const wider = { ...schemas, 'conversation:close': rateSchema } satisfies CommandSchemas<Events>;
    // @ts-expect-error conversation:close validated with the rating schema
    bind(socket, wider, handlers, opts);
    expectTypeOf(wrongShape).not.toBeAny();
  });

  it('refuses a handler that returns the wrong result', () => {
    const wrong: CommandHandlers<Events> = {
      // @ts-expect-error message:send answering { wrong: 42 }
      'message:send': async () => ({ wrong: 42 }),
      'conversation:close': async () => ({ conversation }),
    };
    expectTypeOf(wrong).not.toBeAny();
  });

  it('refuses a missing handler', () => {
    // @ts-expect-error conversation:close has no handler
    const missing: CommandHandlers<Events> = { 'message:send': async () => ({ message }) };
    expectTypeOf(missing).not.toBeAny();
  });

  it('has a table for every command of both namespaces', () => {
    expectTypeOf<keyof typeof visitorCommands>().toEqualTypeOf<keyof VisitorClientEvents>();
    expectTypeOf(agentCommands).toHaveProperty('conversation:view');
  });
});

describe('the typed request helper', () => {
  it('types the ack by the command and refuses a wrong payload or command', async () => {
    expectTypeOf(
      request(v, 'message:send', { conversationId: 'c', clientId: 'c1', text: 'hi' }),
    ).toEqualTypeOf<Promise<Ack<{ message: MessageDTO }>>>();
    // @ts-expect-error a payload missing its text
    void request(v, 'message:send', { conversationId: 'c', clientId: 'c1' });
    // @ts-expect-error a command the protocol does not have
    void request(v, 'message:sent', {});
  });
});
