import type { Clock } from './lib/clock.ts';
import { RateLimiter } from './lib/rate-limit.ts';

/**
 * Every rate limit of the server in one table, each a token bucket (burst, then a steady rate per second)
 * read from the one clock compose.ts is given, so a test's fake clock refills them.
 */
export function createBudgets(clock: Clock) {
  const bucket = (burst: number, perSecond: number) => new RateLimiter(burst, perSecond, clock);
  return {
    /** Per visitor, over the socket. */
    visitor: {
      messages: bucket(20, 2),
      starts: bucket(10, 0.1),
      /** Conversation starts from one client address, whichever visitor token it holds: 30, then 10 a minute. */
      startsPerAddress: bucket(30, 1 / 6),
      /** Sync, typing, receipts, close, rate, identify. */
      light: bucket(60, 10),
      /** Page loads: a burst of 20, then one every 2 s; the history keeps the last 20 anyway. */
      pages: bucket(20, 0.5),
    },
    /** Per agent, over the socket. */
    agent: {
      /**
       * Every console command but receipts. Sized for the fastest person at a keyboard with the console's
       * own reads (open, view, read on each switch; typing on and off; saved replies in a row): 25 a second
       * without end and 500 at once, so a fast agent is never refused; a runaway client (a loop, a script)
       * is, within seconds.
       */
      commands: bucket(500, 25),
      /**
       * Receipts come with the visitors' messages, not the agent's pace: their own budget, so a busy queue
       * never uses up the agent's budget for replies.
       */
      receipts: bucket(300, 100),
    },
    /** Per address or account, over HTTP. */
    http: {
      visitorSessions: bucket(20, 20 / 60),
      /** Self-service event batches per address: the widget sends a few a minute; 20, then 12 a minute. */
      selfServiceEvents: bucket(20, 0.2),
      /** Engaged self-service session batches (reports' funnel) per address: 60, then one a second. */
      reportSessions: bucket(60, 1),
      /** Every sign-in from one address, whichever account. */
      signInsPerAddress: bucket(10, 10 / 60),
      /** Sign-ins to one account from one address: guessing from one place slows that place only. */
      signInsPerAddressAndEmail: bucket(10, 10 / 300),
      /**
       * Failed sign-ins to one account from anywhere: generous, and refilled faster (5 a minute) than one
       * address may try (2 a minute), so no single source can lock the agent out.
       */
      signInFailuresPerEmail: bucket(200, 5 / 60),
      inviteLinksPerAddress: bucket(20, 20 / 60),
      passwordTries: bucket(5, 5 / 300),
      /** Attachment uploads per visitor or agent: 20 at once, then 20 a minute. */
      uploadsPerUploader: bucket(20, 20 / 60),
      /** Attachment uploads from one address, whoever sends them: 60 at once, then one a second. */
      uploadsPerAddress: bucket(60, 1),
    },
  };
}

export type Budgets = ReturnType<typeof createBudgets>;
