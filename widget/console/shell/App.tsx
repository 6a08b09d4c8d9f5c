import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ChoosePassword } from '../account/ChoosePassword.tsx';
import { InvitePage } from '../account/InvitePage.tsx';
import { inviteTokenFrom } from '../account/invite-link.ts';
import { SignIn } from '../account/SignIn.tsx';
import { SESSION_ENDED, useSession } from '../account/use-session.ts';
import { createDrafts, type Drafts } from '../composer/drafts.ts';
import { Workspace } from './Workspace.tsx';

interface Props {
  /** Drafts for a signed-in agent; tests pass their own. */
  drafts?: (agentId: string) => Drafts;
}

/**
 * An invite link: the page to set a password. Signed out: the sign-in screen. Signed in with a one-time
 * password: only the screen to choose one's own. Signed in: the workspace.
 * When the session ends, the workspace stays (inert) under a sign-in panel, so nothing typed in it is lost;
 * reply drafts belong to the agent and outlive even a sign-out.
 */
export function App({ drafts: makeDrafts = createDrafts }: Props) {
  const { session, signIn, signOut, expire, adopt } = useSession();
  const [invite, setInvite] = useState(() => inviteTokenFrom(location.hash));
  useEffect(() => {
    const onHash = () => setInvite(inviteTokenFrom(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const leaveInvite = useCallback(() => {
    // The token must not linger in the address bar or the history once it has done its job.
    history.replaceState(null, '', location.pathname + location.search);
    setInvite(null);
  }, []);
  const agentId = session.phase === 'signed-in' || session.phase === 'expired' ? session.agent.id : null;
  const drafts = useMemo(() => (agentId ? makeDrafts(agentId) : null), [agentId, makeDrafts]);
  const onSignOut = useCallback(() => void signOut(), [signOut]);

  if (invite !== null) {
    return (
      <InvitePage
        token={invite}
        onAccepted={(agent) => {
          leaveInvite();
          adopt(agent);
        }}
        onLeave={leaveInvite}
      />
    );
  }
  if (session.phase === 'checking') {
    return (
      <main class="signin">
        <p class="muted" role="status">
          Loading…
        </p>
      </main>
    );
  }
  if (session.phase === 'choose-password') {
    return <ChoosePassword agent={session.agent} onChosen={adopt} onSignOut={onSignOut} />;
  }
  if (session.phase === 'signed-out' || !drafts) {
    return <SignIn onSignIn={signIn} notice={session.phase === 'signed-out' ? session.notice : null} />;
  }
  const expired = session.phase === 'expired';
  return (
    <>
      {/* inert while the session is gone: kept as it was, out of reach until the agent signs in again. */}
      <div class="workspace-frame" inert={expired}>
        <Workspace
          key={session.agent.id}
          agent={session.agent}
          drafts={drafts}
          live={!expired}
          onSignOut={onSignOut}
          onExpired={expire}
        />
      </div>
      {expired && <SignIn onSignIn={signIn} notice={SESSION_ENDED} over={{ email: session.agent.email }} />}
    </>
  );
}
