import { useCallback, useState } from 'preact/hooks';
import { createDrafts, type Drafts } from './drafts.ts';
import { SignIn } from './SignIn.tsx';
import { useSession } from './use-session.ts';
import { Workspace } from './Workspace.tsx';

/** Signed out: the sign-in screen. Signed in: the workspace. Drafts live here, so a lost session keeps them. */
export function App({ drafts: given }: { drafts?: Drafts }) {
  const [drafts] = useState(() => given ?? createDrafts());
  const { session, signIn, signOut, expire } = useSession();
  const onSignOut = useCallback(() => {
    // Signing out on purpose (maybe a shared computer): do not leave replies behind.
    drafts.clear();
    void signOut();
  }, [drafts, signOut]);

  if (session.phase === 'checking') {
    return (
      <main class="signin">
        <p class="muted" role="status">
          Loading…
        </p>
      </main>
    );
  }
  if (session.phase === 'signed-out') return <SignIn onSignIn={signIn} notice={session.notice} />;
  return (
    <Workspace
      key={session.agent.id}
      agent={session.agent}
      drafts={drafts}
      onSignOut={onSignOut}
      onExpired={expire}
    />
  );
}
