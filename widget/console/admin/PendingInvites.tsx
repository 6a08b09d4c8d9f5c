import { useState } from 'preact/hooks';
import type { InviteDTO } from '../../../server/protocol/accounts.ts';
import { ConfirmNow } from './ConfirmNow.tsx';
import { roleLabels } from './roles.ts';

interface Props {
  invites: InviteDTO[] | null;
  busy: boolean;
  onRevoke: (invite: InviteDTO) => Promise<void>;
}

const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/** Invites not used yet: whom for, until when, by whom; an admin can withdraw one (confirmed). */
export function PendingInvites({ invites, busy, onRevoke }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <section class="card card-table" aria-labelledby="invites-title">
      <h2 id="invites-title">Pending invites</h2>
      {!invites ? (
        <p class="muted">Loading…</p>
      ) : invites.length === 0 ? (
        <p class="muted">No invite is waiting to be used. Links you make appear here until they are used.</p>
      ) : (
        <table class="table">
          <caption class="visually-hidden">Invites not used yet</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Role</th>
              <th scope="col">Expires</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invites.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <span class="agent-name">{i.name}</span>
                  <span class="agent-email">
                    {i.email}
                    {i.createdBy && ` · invited by ${i.createdBy}`}
                  </span>
                </th>
                <td>{roleLabels[i.role]}</td>
                <td>
                  <time dateTime={i.expiresAt}>{day(i.expiresAt)}</time>
                </td>
                <td>
                  <div class="row-actions">
                    {confirming === i.id ? (
                      <ConfirmNow
                        label="Revoke"
                        hidden={`invite for ${i.name}`}
                        busy={busy}
                        onConfirm={() => void onRevoke(i).then(() => setConfirming(null))}
                        onKeep={() => setConfirming(null)}
                      />
                    ) : (
                      <button
                        type="button"
                        class="btn btn-small"
                        disabled={busy}
                        aria-label={`Revoke invite for ${i.name}`}
                        onClick={() => setConfirming(i.id)}
                      >
                        Revoke
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
