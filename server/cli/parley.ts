import { parseArgs } from 'node:util';
import { composeOptionsFrom } from '../compose.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { Agents } from '../domain/identity/agents.ts';
import { Invites, newInviteSchema } from '../domain/identity/invites.ts';
import { systemClock } from '../lib/clock.ts';
import { randomIds } from '../lib/ids.ts';
import { createLogger } from '../lib/logger.ts';
import { PasswordRules } from '../protocol/accounts.ts';
import { AgentRole } from '../protocol/dto.ts';
import { openDatabase } from '../storage/connect.ts';
import { createKyselyStore } from '../storage/kysely-store.ts';

const USAGE = `Usage:
  npm run parley -- agent:add --email EMAIL --name NAME [--role admin|agent|editor] [--password PASSWORD]
  npm run parley -- agent:invite --email EMAIL --name NAME [--role admin|agent|editor]
  npm run parley -- agent:reset-password --email EMAIL
  npm run parley -- agent:list

Uses the same DATABASE_URL / DATA_DIR as the server. Without --password, a one-time password is generated and
printed once; the agent chooses their own at first sign-in.
agent:invite prints a link (valid once, for 7 days) on PUBLIC_URL, or http://localhost:PORT when it is unset.
agent:reset-password prints a new one-time password (replaced at first sign-in) and signs the agent out
everywhere (a locked-out admin).`;

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const config = loadConfig(process.env);
  const database = await openDatabase(composeOptionsFrom(config, createLogger('silent')).database);
  const store = createKyselyStore(database.db);
  const agents = new Agents({ store, clock: systemClock, ids: randomIds });
  try {
    if (command === 'agent:add') {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string', default: 'agent' },
          password: { type: 'string' },
        },
      });
      const roles = Object.values(AgentRole) as string[];
      if (!values.email || !values.name || !roles.includes(values.role ?? '')) {
        process.stderr.write(`${USAGE}\n`);
        process.exitCode = 2;
        return;
      }
      const password = values.password ?? randomIds.token().slice(0, 16);
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
        `Created ${a.role} ${a.email}${values.password ? '' : ` with password: ${password}`}\n`,
      );
    } else if (command === 'agent:invite') {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string', default: 'agent' },
        },
      });
      const input = newInviteSchema.safeParse({ email: values.email, name: values.name, role: values.role });
      if (!input.success) {
        process.stderr.write(`${USAGE}\n`);
        process.exitCode = 2;
        return;
      }
      const invites = new Invites({ store, agents, clock: systemClock, ids: randomIds });
      const { invite, token } = await invites.create(null, input.data);
      const base = config.publicUrl ?? `http://localhost:${config.port}`;
      process.stdout.write(
        `Invite for ${invite.role} ${invite.email}, valid until ${invite.expiresAt}:\n${base}/console#invite=${token}\n`,
      );
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
      process.stderr.write(`${USAGE}\n`);
      process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `parley: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
