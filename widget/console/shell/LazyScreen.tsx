import type { AgentDTO } from '../../../server/protocol/dto.ts';
import type { WorkspaceSettings } from '../api.ts';
import type { AgentConnection } from '../socket.ts';
import type { Screen } from './screens.ts';
import { useLazy } from './use-lazy.ts';

const loadAdmin = () => import('../admin/AdminScreen.tsx');
const loadEditor = () => import('../editor/EditorScreen.tsx');

interface Props {
  screen: Exclude<Screen, 'inbox'>;
  me: AgentDTO;
  onExpired: () => void;
  onSettingsSaved?: (s: WorkspaceSettings) => void;
  live?: AgentConnection | undefined;
}

/** Saved replies and the admin screens: their code loads only when one is first opened. */
export function LazyScreen(props: Props) {
  return props.screen === 'articles' ? <LazyEditor onExpired={props.onExpired} /> : <LazyAdmin {...props} />;
}

/** Articles (the knowledge-base editor): a chunk of its own, so the other screens do not carry it. */
function LazyEditor({ onExpired }: { onExpired: () => void }) {
  const { mod, error } = useLazy(loadEditor);
  if (error || !mod) return <Pending error={error} />;
  return <mod.EditorScreen onExpired={onExpired} />;
}

function LazyAdmin(props: Props) {
  const { mod, error } = useLazy(loadAdmin);
  if (error || !mod) return <Pending error={error} />;
  return <mod.AdminScreen {...props} />;
}

function Pending({ error }: { error: boolean }) {
  if (error) {
    return (
      <p class="placeholder" role="alert">
        This screen could not be loaded. Check the connection and reload the page.
      </p>
    );
  }
  return (
    <p class="placeholder" role="status">
      Loading…
    </p>
  );
}
