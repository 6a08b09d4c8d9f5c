import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from '../../lib/logger.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends email (follow-ups, invite links); the domain does not care whether it leaves by SMTP or lands in a folder. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
  readonly describe: string;
  /** True when mail leaves the server (SMTP); false when it only lands in the outbox folder. */
  readonly delivers?: boolean;
}

/** The sender when MAIL_FROM is not set: fine for the outbox folder, not for real mail (set MAIL_FROM). */
export const DEFAULT_FROM = 'Parley <no-reply@parley.local>';
const FROM = DEFAULT_FROM;

/** SMTP when SMTP_URL is set. */
export function smtpMailer(url: string, from = FROM): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    describe: `SMTP ${new URL(url).host}`,
    delivers: true,
    async send(mail) {
      await transport.sendMail({ from, ...mail });
    },
  };
}

/** The mailer the configuration asks for: SMTP when SMTP_URL is set, else the outbox folder under DATA_DIR. */
export function configuredMailer(
  config: { smtpUrl?: string | undefined; dataDir: string; mailFrom?: string | undefined },
  logger: Logger,
): Mailer {
  const from = config.mailFrom ?? FROM;
  return config.smtpUrl
    ? smtpMailer(config.smtpUrl, from)
    : outboxMailer(join(config.dataDir, 'outbox'), logger, from);
}

/** Without SMTP, each email is written as an .eml file in a folder, so nothing is lost and an operator can see it. */
export function outboxMailer(dir: string, logger: Logger, from = FROM): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let counter = 0;
  return {
    describe: `outbox folder ${dir}`,
    delivers: false,
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      // Owner-only: the outbox holds live invite links.
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      counter += 1;
      const file = join(
        dir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${counter}.eml`,
      );
      writeFileSync(file, info.message as Buffer, { mode: 0o600 });
      logger.info({ file }, 'email written to the outbox (set SMTP_URL to send it)');
    },
  };
}
