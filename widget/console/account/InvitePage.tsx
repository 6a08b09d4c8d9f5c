import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { InviteLookupResponse } from '../../../server/protocol/accounts.ts';
import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { ApiError } from '../api.ts';
import { useDeps } from '../deps.ts';
import { type NewPassword, NewPasswordFields, newPasswordProblem } from './NewPasswordFields.tsx';

interface Props {
  token: string;
  /** The account exists and its session cookie is set. */
  onAccepted: (agent: AgentDTO) => void;
  /** To the sign-in screen, the link forgotten. */
  onLeave: () => void;
}

type Pending = Extract<InviteLookupResponse, { status: 'pending' }>['invite'];
type Phase =
  | { kind: 'checking' }
  | { kind: 'pending'; invite: Pending }
  | { kind: 'closed'; title: string; text: string };

const invitedAs = {
  admin: 'You are invited to the team as an admin: you answer visitors and manage the team.',
  agent: 'You are invited to the team as an agent, to answer visitors.',
  editor: 'You are invited to the team as an editor, to see what visitors could not find.',
} as const;
const closed = {
  expired: {
    title: 'This invite has expired',
    text: 'Invite links work for 7 days. Ask an admin of your team for a new one.',
  },
  used: {
    title: 'This invite has already been used',
    text: 'The account exists. Sign in with the email and the password that were chosen.',
  },
  revoked: {
    title: 'This invite was withdrawn',
    text: 'An admin withdrew it, or sent a newer one. Use the newest link, or ask for a new one.',
  },
  unknown: {
    title: 'This invite link does not work',
    text: 'Check that the whole link was copied, or ask an admin for a new one.',
  },
  offline: {
    title: 'The server could not be reached',
    text: 'Check the connection and reload the page to try the link again.',
  },
} as const;

function phaseFor(err: unknown): Phase {
  if (err instanceof ApiError && (err.status === 404 || err.status === 400)) {
    return { kind: 'closed', ...closed.unknown };
  }
  return { kind: 'closed', ...closed.offline };
}

/** The page an invite link opens: who it is for, a password to choose, or why the link no longer works. */
export function InvitePage({ token, onAccepted, onLeave }: Props) {
  const { api } = useDeps();
  const [phase, setPhase] = useState<Phase>({ kind: 'checking' });
  const [value, setValue] = useState<NewPassword>({ password: '', confirm: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.lookupInvite(token).then(
      (r) => {
        if (!live) return;
        setPhase(
          r.status === 'pending'
            ? { kind: 'pending', invite: r.invite }
            : { kind: 'closed', ...closed[r.status] },
        );
      },
      (err: unknown) => live && setPhase(phaseFor(err)),
    );
    return () => {
      live = false;
    };
  }, [api, token]);

  async function submit(e: TargetedSubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const problem = newPasswordProblem(value);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      onAccepted(await api.acceptInvite(token, value.password));
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.status === 409) {
        // Used, withdrawn or expired while this page was open: say so instead of the form.
        const now = await api.lookupInvite(token).catch(() => null);
        if (now && now.status !== 'pending') setPhase({ kind: 'closed', ...closed[now.status] });
        else setError(err.message);
      } else if (err instanceof ApiError && err.status === 404) setPhase(phaseFor(err));
      else if (err instanceof ApiError && err.status !== 500) setError(err.message);
      else setError('The server could not be reached. Try again.');
    }
  }

  if (phase.kind === 'checking') {
    return (
      <main class="signin">
        <p class="muted" role="status">
          Checking your invite…
        </p>
      </main>
    );
  }
  if (phase.kind === 'closed') {
    return (
      <main class="signin">
        <section class="signin-card" aria-labelledby="invite-title">
          <p class="brand">Parley</p>
          <h1 id="invite-title">{phase.title}</h1>
          <p>{phase.text}</p>
          <button type="button" class="btn btn-primary btn-block" onClick={onLeave}>
            Go to sign-in
          </button>
        </section>
      </main>
    );
  }
  const { invite } = phase;
  const until = new Date(invite.expiresAt).toLocaleDateString(undefined, { day: 'numeric', month: 'long' });
  return (
    <main class="signin">
      <form class="signin-card" onSubmit={submit} aria-labelledby="invite-title" aria-busy={busy} noValidate>
        <p class="brand">Parley</p>
        <h1 id="invite-title">Welcome, {invite.name}</h1>
        <p class="muted">
          {invitedAs[invite.role]} Choose a password to finish; this link works until {until}.
        </p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="field">
          <label for="invite-email">Email</label>
          <input id="invite-email" type="email" autocomplete="username" readOnly value={invite.email} />
        </div>
        <NewPasswordFields value={value} onChange={setValue} />
        <button class="btn btn-primary btn-block" type="submit" aria-disabled={busy}>
          {busy ? 'Setting up…' : 'Set password and sign in'}
        </button>
      </form>
    </main>
  );
}
