import { describe, expect, expectTypeOf, it } from 'vitest';
import { HTTP_STATUS } from '../../server/lib/error-body.ts';
import type { MessageDTO, PageVisit, VisitorConversationDTO } from '../../server/protocol/dto.ts';
import { type Ack, ErrorCode } from '../../server/protocol/errors.ts';
import type {
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '../../server/protocol/events.ts';
import type { MessageSendInput } from '../../server/protocol/schemas.ts';

// The event maps are the contract with the browser: these pin their shapes at compile time (`npm run typecheck`).
describe('the protocol contract', () => {
  it('acks every visitor command with a typed result', () => {
    type SendAck = Parameters<Parameters<VisitorClientEvents['message:send']>[1]>[0];
    expectTypeOf<SendAck>().toEqualTypeOf<Ack<{ message: MessageDTO }>>();
    expectTypeOf<Parameters<VisitorClientEvents['message:send']>[0]>().toEqualTypeOf<MessageSendInput>();
    expectTypeOf<MessageSendInput>().toEqualTypeOf<{
      conversationId: string;
      clientId: string;
      text: string;
      attachments?:
        | Array<{
            id: string;
            name: string;
            type: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'application/pdf' | 'text/plain';
            size: number;
            width?: number | undefined;
            height?: number | undefined;
          }>
        | undefined;
    }>();
  });

  it('tells visitors facts in the past tense', () => {
    expectTypeOf<keyof VisitorServerEvents>().toEqualTypeOf<
      'message:created' | 'conversation:updated' | 'typing:changed'
    >();
    expectTypeOf<
      Parameters<VisitorServerEvents['conversation:updated']>[0]
    >().toEqualTypeOf<VisitorConversationDTO>();
  });

  it('lets only agents claim, transfer and write internal notes', () => {
    expectTypeOf<'conversation:claim'>().toExtend<keyof AgentClientEvents>();
    expectTypeOf<'conversation:claim'>().not.toExtend<keyof VisitorClientEvents>();
    expectTypeOf<'conversation:transfer'>().not.toExtend<keyof VisitorClientEvents>();
  });

  it('lets both sides report delivery, and only visitors report the pages they load', () => {
    expectTypeOf<Parameters<VisitorClientEvents['message:delivered']>[0]>().toEqualTypeOf<{
      conversationId: string;
      seq: number;
    }>();
    expectTypeOf<'message:delivered'>().toExtend<keyof AgentClientEvents>();
    expectTypeOf<Parameters<VisitorClientEvents['page:viewed']>[0]>().toEqualTypeOf<{
      url: string;
      title?: string | undefined;
    }>();
    expectTypeOf<'page:viewed'>().not.toExtend<keyof AgentClientEvents>();
    expectTypeOf<VisitorConversationDTO['agentDeliveredSeq']>().toEqualTypeOf<number>();
    expectTypeOf<Parameters<AgentServerEvents['visitor:updated']>[0]['pages']>().toEqualTypeOf<PageVisit[]>();
  });

  it('maps every error code to an HTTP status', () => {
    expect(Object.keys(HTTP_STATUS).sort()).toEqual(Object.values(ErrorCode).sort());
  });
});
