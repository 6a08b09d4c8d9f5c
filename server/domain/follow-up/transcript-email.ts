import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../lib/clock.ts';
import { RateLimiter } from '../../lib/rate-limit.ts';
import { ErrorCode } from '../../protocol/errors.ts';
import type { ConversationRow, MessageRow, Store, VisitorRow } from '../../storage/store.ts';
import { type EmailFileLink, fileLines, filesOf } from '../attachments/email-links.ts';
import { DomainError } from '../errors.ts';
import type { Mailer } from './mailer.ts';

/** What the widget sends: which conversation, to which address. */
export const transcriptRequestSchema = z
  .object({
    conversationId: z.string().min(1).max(64),
    email: z.string().trim().toLowerCase().email().max(254),
  })
  .strict();

/** How long a confirmation link works. */
export const TRANSCRIPT_LINK_TTL_MS = 24 * 3600_000;

interface PendingTranscript {
  conversationId: string;
  email: string;
  expiresAt: string;
}

const keyOf = (token: string) => `transcript:${createHash('sha256').update(token).digest('hex')}`;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A visitor asks for their chat by email. An address the site vouched for (identify with a valid hash) gets
 * the transcript at once; any other address first gets a short, fixed email with a confirmation link (it
 * carries none of the visitor's words, so the form cannot be used to send anything to anyone), and the
 * transcript only once its owner confirms. Requests are limited per visitor, per address and per network
 * address; a link works once, for 24 hours, on any node (it is kept in the database, as a hash).
 */
export class TranscriptEmail {
  private readonly perVisitor: RateLimiter;
  private readonly perEmail: RateLimiter;
  private readonly perAddress: RateLimiter;

  constructor(
    private readonly deps: {
      store: Store;
      mailer: Mailer;
      clock: Clock;
      /** Signed, expiring links to the chat's files (the address is proved or confirmed by then). */
      fileLink?: EmailFileLink | undefined;
    },
  ) {
    this.perVisitor = new RateLimiter(3, 3 / 3600, deps.clock);
    this.perEmail = new RateLimiter(3, 3 / 86_400, deps.clock);
    this.perAddress = new RateLimiter(10, 10 / 3600, deps.clock);
  }

  /**
   * Forgets requests whose link has expired unused (and the marks of used ones), with the address they held:
   * nothing about a visitor who never confirmed outlives the link. How many it removed.
   */
  sweep(): Promise<number> {
    const before = new Date(this.deps.clock.now().getTime() - TRANSCRIPT_LINK_TTL_MS).toISOString();
    return this.deps.store.settings.deleteOlder('transcript:', before);
  }

  /** Handles a visitor's request: 'sent' (verified address) or 'confirm' (a confirmation email went out). */
  async request(
    visitor: Pick<VisitorRow, 'id' | 'verified' | 'email'>,
    input: z.infer<typeof transcriptRequestSchema>,
    ip: string,
    confirmUrl: (token: string) => string,
  ): Promise<'sent' | 'confirm'> {
    const { store, mailer, clock } = this.deps;
    const c = await store.conversations.byId(input.conversationId);
    if (!c || c.visitorId !== visitor.id) throw new DomainError(ErrorCode.notFound, 'No such conversation');
    const tooMany = 'Too many transcript requests; try again later';
    if (!this.perVisitor.take(visitor.id) || !this.perAddress.take(ip))
      throw new DomainError(ErrorCode.rateLimited, tooMany);
    if (visitor.verified && visitor.email?.toLowerCase() === input.email) {
      await this.sendTranscript(c.id, c, input.email);
      return 'sent';
    }
    if (!this.perEmail.take(input.email)) throw new DomainError(ErrorCode.rateLimited, tooMany);
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    const pending: PendingTranscript = {
      conversationId: c.id,
      email: input.email,
      expiresAt: new Date(now.getTime() + TRANSCRIPT_LINK_TTL_MS).toISOString(),
    };
    await store.settings.put(keyOf(token), pending, now.toISOString());
    await mailer.send({
      to: input.email,
      subject: 'Confirm: send the chat transcript to this address',
      text: [
        'Hello,',
        '',
        'Someone using the help chat on our website asked for a transcript of their chat to be sent to this',
        'address. To receive it, open this link and press "Send the transcript" (it works once, for 24 hours):',
        '',
        confirmUrl(token),
        '',
        'If that was not you, ignore this email: nothing more will be sent.',
      ].join('\n'),
    });
    return 'confirm';
  }

  /** The request behind a link, if it is still good (for the confirmation page). */
  async pending(token: string): Promise<PendingTranscript | undefined> {
    if (!TOKEN.test(token)) return undefined;
    const p = (await this.deps.store.settings.get(keyOf(token))) as PendingTranscript | null | undefined;
    if (!p || Date.parse(p.expiresAt) <= this.deps.clock.now().getTime()) return undefined;
    return p;
  }

  /** Confirms a link: sends the transcript once. False when the link is unknown, used or expired. */
  async confirm(token: string): Promise<boolean> {
    const p = await this.pending(token);
    if (!p) return false;
    // Used once: the request (and the address in it) is not kept.
    await this.deps.store.settings.put(keyOf(token), null, this.deps.clock.now().toISOString());
    await this.sendTranscript(
      p.conversationId,
      await this.deps.store.conversations.byId(p.conversationId),
      p.email,
    );
    return true;
  }

  /** `c` is the conversation as read by the caller (undefined once it was erased). */
  private async sendTranscript(
    conversationId: string,
    c: Pick<ConversationRow, 'createdAt'> | undefined,
    email: string,
  ): Promise<void> {
    const messages = await this.deps.store.messages.since(conversationId, 0);
    await this.deps.mailer.send({
      to: email,
      subject: 'Your chat transcript',
      text: [
        `Your chat with our team${c ? ` on ${c.createdAt.slice(0, 10)}` : ''} (times in UTC):`,
        '',
        ...transcriptLines(messages, this.deps.fileLink),
        '',
        'Open the help widget on our site to start a new conversation.',
      ].join('\n'),
    });
  }
}

/** The chat as the visitor saw it: agents' internal notes are never included. */
export function transcriptLines(messages: MessageRow[], fileLink?: EmailFileLink): string[] {
  return messages
    .filter((m) => m.author !== 'note')
    .flatMap((m) => {
      const time = m.createdAt.slice(11, 16);
      if (m.author === 'system') return [`[${time}] (${m.text})`];
      const who = m.author === 'visitor' ? 'You' : (m.authorName ?? 'Agent');
      // A message's files: links (never the files), or their names when links cannot be made.
      return [`[${time}] ${who}: ${m.text}`, ...fileLines(m.conversationId, filesOf(m.system), fileLink)];
    });
}
