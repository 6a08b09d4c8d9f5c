import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AgentDTO, AgentRole } from '../../../server/protocol/dto.ts';
import { useDeps } from '../deps.ts';
import { useRequest } from './use-request.ts';

const roleLabels: Record<AgentRole, string> = {
  admin: 'Admin',
  agent: 'Agent',
  editor: 'Editor',
};
const roleHelp = 'Agents answer visitors. Editors see content gaps. Admins do both and manage the team.';

/** Admins create agents (with a one-time password shown once), change roles and limits, disable accounts. */
export function AgentsScreen({ me, onExpired }: { me: AgentDTO; onExpired: () => void }) {
  const { api } = useDeps();
  const { busy, error, run } = useRequest(onExpired);
  const [agents, setAgents] = useState<AgentDTO[] | null>(null);
  const [form, setForm] = useState({ name: '', email: '', role: 'agent' as AgentRole });
  const [secret, setSecret] = useState<{ name: string; email: string; password: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    void run(api.agents).then((a) => a && setAgents(a));
  }, [api, run]);

  const put = (a: AgentDTO) =>
    setAgents((list) => {
      const rest = (list ?? []).filter((x) => x.id !== a.id);
      return [...rest, a].sort((x, y) => x.name.localeCompare(y.name));
    });

  const create = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const made = await run(() => api.createAgent(form));
    if (!made) return;
    put(made.agent);
    setSecret({ name: made.agent.name, email: made.agent.email, password: made.password });
    setForm({ name: '', email: '', role: 'agent' });
  };
  const change = async (a: AgentDTO, patch: Parameters<typeof api.updateAgent>[1]) => {
    const updated = await run(() => api.updateAgent(a.id, patch));
    if (updated) put(updated);
    setConfirming(null);
  };
  const reset = async (a: AgentDTO) => {
    const r = await run(() => api.resetPassword(a.id));
    if (r) setSecret({ name: r.agent.name, email: r.agent.email, password: r.password });
  };

  return (
    <section class="screen" aria-labelledby="agents-title">
      <header class="screen-head">
        <h1 id="agents-title">Agents</h1>
        <p class="muted">{roleHelp}</p>
      </header>
      {secret && (
        <div class="callout" role="status">
          <p>
            <strong>{secret.name}</strong> can sign in as <strong>{secret.email}</strong> with this one-time
            password. Copy it now: it will not be shown again.
          </p>
          <p class="secret-row">
            <span class="visually-hidden">One-time password: </span>
            <code class="secret">{secret.password}</code>
            <button
              type="button"
              class="btn btn-small"
              onClick={() => void navigator.clipboard?.writeText(secret.password).catch(() => undefined)}
            >
              Copy
            </button>
            <button type="button" class="btn btn-small btn-quiet" onClick={() => setSecret(null)}>
              Done
            </button>
          </p>
        </div>
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
      <div class="screen-cols">
        <form class="card form" onSubmit={create} aria-labelledby="new-agent-title">
          <h2 id="new-agent-title">Add a person</h2>
          <label class="field">
            <span>Name</span>
            <input
              required
              maxLength={120}
              autocomplete="off"
              value={form.name}
              onInput={(e) => setForm((f) => ({ ...f, name: e.currentTarget.value }))}
            />
          </label>
          <label class="field">
            <span>Email</span>
            <input
              required
              type="email"
              autocomplete="off"
              value={form.email}
              onInput={(e) => setForm((f) => ({ ...f, email: e.currentTarget.value }))}
            />
          </label>
          <label class="field">
            <span>Role</span>
            <select
              value={form.role}
              onChange={(e) => setForm((f) => ({ ...f, role: e.currentTarget.value as AgentRole }))}
            >
              {Object.entries(roleLabels).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <div class="form-bar">
            <button type="submit" class="btn btn-primary" disabled={busy}>
              Create account
            </button>
          </div>
        </form>
        <div class="card card-table">
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
                        {a.name}
                        {a.id === me.id && <span class="muted"> (you)</span>}
                      </span>
                      <span class="agent-email">{a.email}</span>
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
                        {a.id !== me.id &&
                          (a.disabled ? (
                            <button
                              type="button"
                              class="btn btn-small"
                              disabled={busy}
                              aria-label={`Enable ${a.name}`}
                              onClick={() => void change(a, { disabled: false })}
                            >
                              Enable
                            </button>
                          ) : confirming === a.id ? (
                            <>
                              <button
                                type="button"
                                class="btn btn-small btn-danger"
                                disabled={busy}
                                onClick={() => void change(a, { disabled: true })}
                              >
                                Disable {a.name} now
                              </button>
                              <button
                                type="button"
                                class="btn btn-small btn-quiet"
                                onClick={() => setConfirming(null)}
                              >
                                Keep
                              </button>
                            </>
                          ) : (
                            <button
                              type="button"
                              class="btn btn-small"
                              disabled={busy}
                              aria-label={`Disable ${a.name}`}
                              onClick={() => setConfirming(a.id)}
                            >
                              Disable
                            </button>
                          ))}
                        {!a.disabled && a.id !== me.id && (
                          <button
                            type="button"
                            class="btn btn-small btn-quiet"
                            disabled={busy}
                            aria-label={`Reset password of ${a.name}`}
                            onClick={() => void reset(a)}
                          >
                            Reset password
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
