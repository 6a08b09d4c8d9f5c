import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  /** The raw message: headers and body as sent. */
  body: string;
}

export interface TestSmtp {
  /** Every message received so far, in order. */
  received: ReceivedMail[];
  url: string;
  /** Resolves with the next message to arrive. */
  next(): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on loopback (no TLS, no auth) that keeps what it receives. */
export async function startSmtp(port = 0): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  let waiters: Array<(mail: ReceivedMail) => void> = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      let body = '';
      stream.on('data', (d: Buffer) => {
        body += d.toString();
      });
      stream.on('end', () => {
        const mail = { to: session.envelope.rcptTo.map((r) => r.address), body };
        received.push(mail);
        for (const w of waiters) w(mail);
        waiters = [];
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r));
  const bound = (smtp.server.address() as AddressInfo).port;
  return {
    received,
    url: `smtp://127.0.0.1:${bound}`,
    next: () => new Promise((r) => waiters.push(r)),
    close: () => new Promise<void>((r) => smtp.close(() => r())),
  };
}
