import { useState } from 'preact/hooks';
import type { InviteDTO } from '../../../server/protocol/accounts.ts';
import type { AgentDTO, AgentRole } from '../../../server/protocol/dto.ts';
import { useDeps } from '../deps.ts';
import type { AgentConnection } from '../socket.ts';
import { AgentActions, type RowAction } from './AgentActions.tsx';
import { AgentName } from './AgentName.tsx';
import { type Access, type NewPerson, NewPersonForm } from './NewPersonForm.tsx';
import { PendingInvites } from './PendingInvites.tsx';
import { roleHelp, roleLabels } from './roles.ts';
import { type Secret, SecretCallout } from './SecretCallout.tsx';
import { useRequest } from './use-request.ts';
import { useTeam } from './use-team.ts';

interface Props {
  me: AgentDTO;
  onExpired: () => void;
  /** The console's realtime link: the lists follow invites used or revoked elsewhere without a reload. */
  live?: AgentConnection | undefined;
}

/**
 * Admins add people (an invite link, or a one-time password shown once), see and revoke pending
 * invites, change roles and limits, reset passwords and disable accounts (both confirmed).
 */
export function AgentsScreen({ me, onExpired, live }: Props) {
  const { api } = useDeps();
  const { busy, error, run } = useRequest(onExpired);
  const { agents, invites, setInvites, put, loadError } = useTeam(live, onExpired);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [confirming, setConfirming] = useState<{ id: string; action: RowAction } | null>(null);

  const add = async (person: NewPerson, access: Access, opts: { email: boolean }): Promise<boolean> => {
    if (access === 'invite') {
      const made = await run(() => api.createInvite(opts.email ? { ...person, sendEmail: true } : person));
      if (!made) return false;
      const { invite, url, email } = made;
      setInvites((list) => [invite, ...(list ?? []).filter((i) => i.email !== invite.email)]);
      setSecret({
        kind: 'invite',
        name: invite.name,
        email: invite.email,
        url,
        expiresAt: invite.expiresAt,
        emailed: email,
      });
      return true;
    }
    const made = await run(() => api.createAgent(person));
    if (!made) return false;
    put(made.agent);
    setSecret({ kind: 'password', name: made.agent.name, email: made.agent.email, password: made.password });
    return true;
  };
  const revoke = async (invite: InviteDTO) => {
    const done = await run(async () => {
      await api.revokeInvite(invite.id);
      return true;
    });
    if (done) setInvites((list) => (list ?? []).filter((i) => i.id !== invite.id));
  };
  const change = async (a: AgentDTO, patch: Parameters<typeof api.updateAgent>[1]) => {
    const updated = await run(() => api.updateAgent(a.id, patch));
    if (updated) put(updated);
    setConfirming(null);
  };
  const reset = async (a: AgentDTO) => {
    const r = await run(() => api.resetPassword(a.id));
    setConfirming(null);
    if (r) setSecret({ kind: 'password', name: r.agent.name, email: r.agent.email, password: r.password });
  };

  return (
    <section class="screen" aria-labelledby="agents-title">
      <header class="screen-head">
        <h1 id="agents-title">Agents</h1>
        <p class="muted">{roleHelp}</p>
      </header>
      {secret && <SecretCallout secret={secret} onDone={() => setSecret(null)} />}
      {(error ?? loadError) && (
        <p class="form-error" role="alert">
          {error ?? loadError}
        </p>
      )}
      <div class="screen-cols">
        <NewPersonForm busy={busy} onSubmit={add} />
        <div class="stack">
          <section class="card card-table" aria-labelledby="team-title">
            <h2 id="team-title">Team</h2>
            {!agents ? (
              <p class="muted">Loading…</p>
            ) : (
              <table class="table">
                <caption class="visually-hidden">Team members</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Role</th>
                    <th scope="col">Max chats</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {agents.map((a) => (
                    <tr key={a.id} class={a.disabled ? 'is-disabled' : ''}>
                      <th scope="row">
                        <span class="agent-name">
                          <AgentName
                            agent={a}
                            busy={busy}
                            onRename={(name) => change(a, { name })}
                            suffix={a.id === me.id && <span class="muted"> (you)</span>}
                          />
                        </span>
                        <span class="agent-email">{a.email}</span>
                        {a.mustChangePassword && !a.disabled && (
                          <span class="agent-email">Has not chosen a password yet</span>
                        )}
                      </th>
                      <td>
                        <select
                          aria-label={`Role of ${a.name}`}
                          value={a.role}
                          disabled={busy || a.id === me.id}
                          onChange={(e) => void change(a, { role: e.currentTarget.value as AgentRole })}
                        >
                          {Object.entries(roleLabels).map(([v, l]) => (
                            <option key={v} value={v}>
                              {l}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <input
                          class="num"
                          type="number"
                          min={1}
                          max={50}
                          aria-label={`Max chats of ${a.name}`}
                          value={a.maxChats}
                          disabled={busy}
                          onChange={(e) => {
                            const n = Number(e.currentTarget.value);
                            if (Number.isInteger(n) && n >= 1 && n <= 50) void change(a, { maxChats: n });
                          }}
                        />
                      </td>
                      <td>
                        {a.disabled ? (
                          <span class="badge badge-closed">Disabled</span>
                        ) : (
                          <span class={`presence presence-${a.status}`}>{a.status}</span>
                        )}
                      </td>
                      <td>
                        <div class="row-actions">
                          {a.id !== me.id && (
                            <AgentActions
                              agent={a}
                              busy={busy}
                              confirming={confirming?.id === a.id ? confirming.action : null}
                              onAsk={(action) => setConfirming(action ? { id: a.id, action } : null)}
                              onDisable={(disabled) => void change(a, { disabled })}
                              onReset={() => void reset(a)}
                            />
                          )}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <PendingInvites invites={invites} busy={busy} onRevoke={revoke} />
        </div>
      </div>
    </section>
  );
}
