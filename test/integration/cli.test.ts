import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Agents } from '../../server/domain/identity/agents.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { hashToken, randomIds } from '../../server/lib/ids.ts';
import { openDatabase } from '../../server/storage/connect.ts';
import { createKyselyStore } from '../../server/storage/kysely-store.ts';
import { startSmtp } from '../support/smtp.ts';

const root = resolve(import.meta.dirname, '..', '..');

function parley(args: string[], dataDir: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server', 'cli', 'parley.ts'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
  });
}

/** The same, without blocking this process: a mail server in it must answer while the command runs. */
function parleyAsync(args: string[], dataDir: string, env: Record<string, string> = {}) {
  return new Promise<{ status: number; stdout: string; stderr: string }>((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(root, 'server', 'cli', 'parley.ts'), ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, ...env }, encoding: 'utf8' },
      (err, stdout, stderr) => done({ status: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Quoted-printable soft line breaks undone, so a long link reads whole. */
const unfold = (body: string) => body.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
const inviteLink = (stdout: string) => /^\S+\/console#invite=[A-Za-z0-9_-]{43}$/m.exec(stdout)?.[0] ?? '';

describe('the parley command line', () => {
  it('creates the first admin with a one-time password, to be replaced at first sign-in, then lists them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    const added = parley(
      ['agent:add', '--email', 'Ada@Example.com', '--name', 'Ada', '--role', 'admin'],
      dataDir,
    );
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/^Created admin ada@example\.com with the one-time password: \S{16}$/m);
    expect(added.stdout).toContain('shown once; it works for the first sign-in only');
    const listed = parley(['agent:list'], dataDir);
    expect(listed.stdout).toBe('ada@example.com\tAda\tadmin\n');
    // A password the operator chose with --password is theirs to keep.
    parley(
      ['agent:add', '--email', 'bo@example.com', '--name', 'Bo', '--password', 'chosen by the operator'],
      dataDir,
    );
    const db = await openDatabase({ kind: 'sqlite', file: join(dataDir, 'parley.sqlite') });
    try {
      const store = createKyselyStore(db.db);
      expect((await store.agents.byEmail('ada@example.com'))?.mustChangePassword).toBe(true);
      expect((await store.agents.byEmail('bo@example.com'))?.mustChangePassword).toBe(false);
    } finally {
      await db.close();
    }
  });

  it('explains its usage on a missing or bad argument', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    const bad = parley(['agent:add', '--email', 'x@example.com', '--name', 'X', '--role', 'owner'], dataDir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Usage:/);
  });

  it('prints an invite link on the public URL that the server then recognises', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    const made = parley(
      ['agent:invite', '--email', 'Nia@Example.com', '--name', 'Nia', '--role', 'editor'],
      dataDir,
      {
        PUBLIC_URL: 'https://help.example.com/',
      },
    );
    expect(made.status).toBe(0);
    const link = /^https:\/\/help\.example\.com\/console#invite=([A-Za-z0-9_-]{43})$/m.exec(made.stdout);
    expect(link).not.toBeNull();
    const db = await openDatabase({ kind: 'sqlite', file: join(dataDir, 'parley.sqlite') });
    try {
      const invite = await createKyselyStore(db.db).invites.byTokenHash(hashToken(link?.[1] ?? ''));
      expect(invite).toMatchObject({
        email: 'nia@example.com',
        role: 'editor',
        createdBy: null,
        acceptedAt: null,
      });
    } finally {
      await db.close();
    }
    expect(parley(['agent:invite', '--email', 'not-an-email', '--name', 'X'], dataDir).status).toBe(2);
  });

  it('resets a locked-out agent’s password to a new one-time password', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    parley(
      [
        'agent:add',
        '--email',
        'ada@example.com',
        '--name',
        'Ada',
        '--role',
        'admin',
        '--password',
        'forgotten password',
      ],
      dataDir,
    );
    const reset = parley(['agent:reset-password', '--email', 'ada@example.com'], dataDir);
    expect(reset.status).toBe(0);
    const password = /^New one-time password for ada@example\.com: (\S{16})$/m.exec(reset.stdout)?.[1] ?? '';
    const db = await openDatabase({ kind: 'sqlite', file: join(dataDir, 'parley.sqlite') });
    try {
      const agents = new Agents({ store: createKyselyStore(db.db), clock: systemClock, ids: randomIds });
      await expect(agents.signIn('ada@example.com', 'forgotten password')).rejects.toThrow(/incorrect/);
      const signedIn = (await agents.signIn('ada@example.com', password)).agent;
      expect(signedIn).toMatchObject({ email: 'ada@example.com', mustChangePassword: true });
    } finally {
      await db.close();
    }
    const unknown = parley(['agent:reset-password', '--email', 'nobody@example.com'], dataDir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/no agent with the email nobody@example.com/);
  });

  it('emails an invite link through SMTP_URL with --send-email, and says where it went', async () => {
    const smtp = await startSmtp();
    try {
      const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
      const made = await parleyAsync(
        [
          'agent:invite',
          '--email',
          'Nia@Example.com',
          '--name',
          'Nia Novak',
          '--role',
          'editor',
          '--send-email',
        ],
        dataDir,
        { SMTP_URL: smtp.url, PUBLIC_URL: 'https://help.example.com' },
      );
      expect(made.status).toBe(0);
      const link = inviteLink(made.stdout);
      expect(link).toMatch(/^https:\/\/help\.example\.com\/console#invite=/);
      const host = new URL(smtp.url).host;
      expect(made.stdout).toContain(`Emailed the link to nia@example.com (SMTP ${host}).`);
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0];
      expect(mail?.to).toEqual(['nia@example.com']);
      const body = unfold(mail?.body ?? '');
      expect(body).toMatch(/Subject: Your invitation to the Parley console/);
      expect(body).toContain('Hello Nia Novak,');
      expect(body).toContain('You are invited to join the team on Parley as an editor');
      // The emailed link is the printed one.
      expect(body).toContain(link);
    } finally {
      await smtp.close();
    }
  });

  it('writes the invite email to the outbox folder when SMTP_URL is unset, and says it was not sent', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    const made = await parleyAsync(
      ['agent:invite', '--email', 'ivy@example.com', '--name', 'Ivy', '--send-email'],
      dataDir,
    );
    expect(made.status).toBe(0);
    const outbox = join(dataDir, 'outbox');
    expect(made.stdout).toContain(
      `Not emailed: SMTP_URL is unset, so the email to ivy@example.com was only written to the outbox folder ${outbox}.`,
    );
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    const eml = unfold(readFileSync(join(outbox, files[0] ?? ''), 'utf8'));
    expect(eml).toMatch(/^To: ivy@example\.com$/m);
    expect(eml).toContain(inviteLink(made.stdout));
    // Without --send-email nothing is written.
    expect(parley(['agent:invite', '--email', 'jo@example.com', '--name', 'Jo'], dataDir).status).toBe(0);
    expect(readdirSync(outbox)).toHaveLength(1);
  });

  it('still makes the invite and prints the link when the mail server refuses, and fails with the reason', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'parley-cli-'));
    // Nothing listens on this port: the connection is refused.
    const made = await parleyAsync(
      ['agent:invite', '--email', 'kai@example.com', '--name', 'Kai', '--send-email'],
      dataDir,
      { SMTP_URL: 'smtp://127.0.0.1:9' },
    );
    expect(made.status).toBe(1);
    const link = inviteLink(made.stdout);
    expect(link).not.toBe('');
    expect(made.stderr).toMatch(
      /^Not emailed: the email to kai@example\.com could not be sent \(SMTP 127\.0\.0\.1:9: .+\)\. The invite stands: pass the link on yourself\.$/m,
    );
    const db = await openDatabase({ kind: 'sqlite', file: join(dataDir, 'parley.sqlite') });
    try {
      const token = link.split('#invite=')[1] ?? '';
      expect(await createKyselyStore(db.db).invites.byTokenHash(hashToken(token))).toMatchObject({
        email: 'kai@example.com',
        acceptedAt: null,
      });
    } finally {
      await db.close();
    }
  });
});
