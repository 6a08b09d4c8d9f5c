import { parseArgs } from 'node:util';
import { composeOptionsFrom } from '../compose.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { configuredMailer } from '../domain/follow-up/mailer.ts';
import { Agents } from '../domain/identity/agents.ts';
import { inviteEmail, sendInviteEmail } from '../domain/identity/invite-email.ts';
import { Invites, inviteUrl, newInviteSchema } from '../domain/identity/invites.ts';
import { oneTimePassword } from '../domain/identity/passwords.ts';
import { systemClock } from '../lib/clock.ts';
import { randomIds } from '../lib/ids.ts';
import { createLogger } from '../lib/logger.ts';
import { type InviteEmailOutcome, PasswordRules } from '../protocol/accounts.ts';
import { AgentRole } from '../protocol/dto.ts';
import { openDatabase } from '../storage/connect.ts';
import { createKyselyStore } from '../storage/kysely-store.ts';
import { DATA_USAGE, runDataCommand } from './data-commands.ts';

const USAGE = `Usage:
  npm run parley -- agent:add --email EMAIL --name NAME [--role admin|agent|editor] [--password PASSWORD]
  npm run parley -- agent:invite --email EMAIL --name NAME [--role admin|agent|editor] [--send-email]
  npm run parley -- agent:reset-password --email EMAIL
  npm run parley -- agent:list
${DATA_USAGE}

Uses the same DATABASE_URL / DATA_DIR as the server. Without --password, a one-time password is generated and
printed once; the agent chooses their own at first sign-in.
agent:invite prints a link (valid once, for 7 days) on PUBLIC_URL, or http://localhost:PORT when it is unset;
with --send-email it also emails the link to EMAIL, like the Agents screen: through SMTP_URL, or, when that is
unset, written to the outbox folder under DATA_DIR (not sent).
agent:reset-password prints a new one-time password (replaced at first sign-in) and signs the agent out
everywhere (a locked-out admin).`;

/** The person `agent:add` and `agent:invite` are for. */
const personOptions = {
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string', default: 'agent' },
} as const;

/** The arguments make no command: how to use it, on stderr, with exit code 2. */
function usageError() {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}

/** Where an invite's email went, in a line for whoever ran the command. */
function inviteEmailReport(
  outcome: InviteEmailOutcome,
  to: string,
  where: string,
  error: string | undefined,
): string {
  if (outcome === 'sent') return `Emailed the link to ${to} (${where}).`;
  if (outcome === 'outbox')
    return `Not emailed: SMTP_URL is unset, so the email to ${to} was only written to the ${where}. Pass the link on yourself.`;
  return `Not emailed: the email to ${to} could not be sent (${where}: ${error ?? 'no reason given'}). The invite stands: pass the link on yourself.`;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const config = loadConfig(process.env);
  if (await runDataCommand(command, rest, config)) return;
  const database = await openDatabase(composeOptionsFrom(config, createLogger('silent')).database);
  const store = createKyselyStore(database.db);
  const agents = new Agents({ store, clock: systemClock, ids: randomIds });
  try {
    if (command === 'agent:add') {
      const { values } = parseArgs({
        args: rest,
        options: { ...personOptions, password: { type: 'string' } },
      });
      const roles = Object.values(AgentRole) as string[];
      if (!values.email || !values.name || !roles.includes(values.role ?? '')) return usageError();
      const password = values.password ?? oneTimePassword();
      if (password.length < PasswordRules.minLength || password.length > PasswordRules.maxLength) {
        throw new Error(
          `--password must be ${PasswordRules.minLength} to ${PasswordRules.maxLength} characters long`,
        );
      }
      const a = await agents.create({
        email: values.email,
        name: values.name,
        role: values.role as AgentRole,
        password,
        // A generated password is a one-time one: it is replaced at first sign-in.
        mustChangePassword: !values.password,
      });
      process.stdout.write(
        `Created ${a.role} ${a.email}${values.password ? '' : ` with the one-time password: ${password}\n(shown once; it works for the first sign-in only, where they choose their own)`}\n`,
      );
    } else if (command === 'agent:invite') {
      const { values } = parseArgs({
        args: rest,
        options: { ...personOptions, 'send-email': { type: 'boolean', default: false } },
      });
      const input = newInviteSchema.safeParse({ email: values.email, name: values.name, role: values.role });
      if (!input.success) return usageError();
      const invites = new Invites({ store, agents, clock: systemClock, ids: randomIds });
      const { invite, token } = await invites.create(null, input.data);
      const base = config.publicUrl ?? `http://localhost:${config.port}`;
      const url = inviteUrl(base, token);
      process.stdout.write(
        `Invite for ${invite.role} ${invite.email}, valid until ${invite.expiresAt}:\n${url}\n`,
      );
      if (values['send-email']) {
        const mailer = configuredMailer(config, createLogger('silent'));
        const { outcome, error } = await sendInviteEmail(mailer, inviteEmail(invite, url, null));
        const report = `${inviteEmailReport(outcome, invite.email, mailer.describe, error)}\n`;
        // The invite stands either way; a script that asked for the email hears that it did not go.
        if (outcome === 'failed') {
          process.stderr.write(report);
          process.exitCode = 1;
        } else process.stdout.write(report);
      }
    } else if (command === 'agent:reset-password') {
      const { values } = parseArgs({ args: rest, options: { email: { type: 'string' } } });
      const agent = values.email ? await store.agents.byEmail(values.email) : undefined;
      if (!agent) throw new Error(values.email ? `no agent with the email ${values.email}` : USAGE);
      const { password } = await agents.resetPassword(agent.id);
      process.stdout.write(`New one-time password for ${agent.email}: ${password}\n`);
    } else if (command === 'agent:list') {
      for (const a of await agents.list())
        process.stdout.write(`${a.email}\t${a.name}\t${a.role}${a.disabled ? '\tdisabled' : ''}\n`);
    } else {
      usageError();
    }
  } finally {
    await database.close();
  }
}

main().then(
  // A mail server that never answered may still hold a connection open; the command has said all it will.
  () => process.exit(),
  (err: unknown) => {
    process.stderr.write(
      `parley: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  },
);
