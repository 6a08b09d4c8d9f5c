import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxMailer, smtpMailer } from '../../server/domain/follow-up/mailer.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import type { InviteCreatedResponse } from '../../server/protocol/accounts.ts';
import { databaseTargets } from '../support/database.ts';
import { startTestServer } from '../support/server.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';

type Server = Awaited<ReturnType<typeof startTestServer>>;
const unique = (name: string) => `${name}-${Math.random().toString(36).slice(2)}@example.com`;

/** Quoted-printable soft line breaks undone, so a long link reads whole. */
const unfold = (body: string) => body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

for (const { name, target } of databaseTargets()) {
  describe(`emailing an invite link on ${name}`, () => {
    let smtp: TestSmtp;
    let server: Server;
    let admin: Awaited<ReturnType<Server['agent']>>;

    beforeAll(async () => {
      smtp = await startSmtp();
      server = await startTestServer({ database: target(), app: { mailer: smtpMailer(smtp.url) } });
      admin = await server.agent('Alma', 'admin');
    });
    afterAll(async () => {
      await server?.close();
      await smtp?.close();
    });

    const invite = (body: unknown, cookie = admin.cookie) =>
      fetch(`${server.url}/api/console/invites`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    it('emails the link to the invited person and still shows it to the admin', async () => {
      const email = unique('nia');
      const res = await invite({ email, name: 'Nia Novak', role: 'editor', sendEmail: true });
      expect(res.status).toBe(201);
      const made = (await res.json()) as InviteCreatedResponse;
      expect(made.email).toBe('sent');
      expect(made.url).toMatch(/#invite=[A-Za-z0-9_-]{43}$/);

      const mail = smtp.received.find((m) => m.to.includes(email));
      expect(mail).toBeDefined();
      const body = unfold(mail?.body ?? '');
      expect(body).toMatch(/Subject: Your invitation to the Parley console/);
      expect(body).toContain('Hello Nia Novak,');
      expect(body).toContain('Alma invited you to join the team on Parley as an editor');
      expect(body).toContain(made.url);
      // The emailed link is the one that works.
      const token = made.url.split('#invite=')[1];
      const seen = await fetch(`${server.url}/api/auth/invite`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      expect((await seen.json()).status).toBe('pending');
    });

    it('sends nothing unless asked', async () => {
      const email = unique('quiet');
      const before = smtp.received.length;
      const made = (await (
        await invite({ email, name: 'Quiet', role: 'agent' })
      ).json()) as InviteCreatedResponse;
      expect(made.email).toBeUndefined();
      const off = (await (
        await invite({ email: unique('off'), name: 'Off', role: 'agent', sendEmail: false })
      ).json()) as InviteCreatedResponse;
      expect(off.email).toBeUndefined();
      expect(smtp.received.length).toBe(before);
    });

    it('keeps a name from reaching the headers, and sends to the invited address only', async () => {
      const email = unique('hostile');
      const res = await invite({
        email,
        name: 'Eve\r\nBcc: thief@evil.test',
        role: 'agent',
        sendEmail: true,
      });
      expect(res.status).toBe(201);
      const mail = smtp.received.find((m) => m.to.includes(email));
      expect(mail?.to).toEqual([email]);
      const headers = (mail?.body ?? '').split(/\r?\n\r?\n/)[0] ?? '';
      expect(headers).not.toMatch(/thief|Bcc/i);
    });

    it('refuses a malformed, oversize or unauthorised request to send one, and sends nothing', async () => {
      const before = smtp.received.length;
      const person = { email: unique('x'), name: 'X', role: 'agent' };
      expect((await invite({ ...person, sendEmail: 'yes' })).status).toBe(400);
      expect((await invite({ ...person, sendEmail: true, cc: 'thief@evil.test' })).status).toBe(400);
      expect((await invite({ ...person, email: 'not an email', sendEmail: true })).status).toBe(400);
      expect((await invite('{"sendEmail":true,')).status).toBe(400);
      expect((await invite({ ...person, name: 'n'.repeat(40_000), sendEmail: true })).status).toBe(413);
      const agent = await server.agent('Ben', 'agent');
      expect((await invite({ ...person, sendEmail: true }, agent.cookie)).status).toBe(403);
      expect((await invite({ ...person, sendEmail: true }, '')).status).toBe(401);
      const visitor = await server.newVisitor();
      expect((await invite({ ...person, sendEmail: true }, `parley_session=${visitor.token}`)).status).toBe(
        401,
      );
      expect(smtp.received.length).toBe(before);
    });
  });
}

describe('an invite email the mail server does not take', () => {
  it('still makes the invite and shows the link, and says the email was not sent', async () => {
    // Nothing listens on this port: the connection is refused.
    const server = await startTestServer({ app: { mailer: smtpMailer('smtp://127.0.0.1:9') } });
    try {
      const admin = await server.agent('Alma', 'admin');
      const email = unique('bounce');
      const res = await fetch(`${server.url}/api/console/invites`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ email, name: 'Bo', role: 'agent', sendEmail: true }),
      });
      expect(res.status).toBe(201);
      const made = (await res.json()) as InviteCreatedResponse;
      expect(made.email).toBe('failed');
      expect(made.url).toMatch(/#invite=/);
      const pending = await (
        await fetch(`${server.url}/api/console/invites`, { headers: { cookie: admin.cookie } })
      ).json();
      expect(pending.invites.map((i: { email: string }) => i.email)).toContain(email);
    } finally {
      await server.close();
    }
  });
});

describe('an invite email without SMTP_URL', () => {
  it('lands in the outbox folder with the link, and says it went no further', async () => {
    const outbox = join(mkdtempSync(join(tmpdir(), 'parley-outbox-')), 'outbox');
    const server = await startTestServer({ app: { mailer: outboxMailer(outbox, silentLogger()) } });
    try {
      const admin = await server.agent('Alma', 'admin');
      const res = await fetch(`${server.url}/api/console/invites`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ola@example.com', name: 'Ola', role: 'agent', sendEmail: true }),
      });
      const made = (await res.json()) as InviteCreatedResponse;
      // Not sent anywhere yet: the console tells the admin to pass the link on.
      expect(made.email).toBe('outbox');
      const files = readdirSync(outbox);
      expect(files).toHaveLength(1);
      const eml = unfold(readFileSync(join(outbox, files[0] ?? ''), 'utf8'));
      expect(eml).toMatch(/^To: ola@example.com$/m);
      expect(eml).toContain(made.url);
    } finally {
      await server.close();
    }
  });
});
