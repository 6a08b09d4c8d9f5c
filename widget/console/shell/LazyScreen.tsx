import type { AgentDTO } from '../../../server/protocol/dto.ts';
import type { WorkspaceSettings } from '../api.ts';
import type { AgentConnection } from '../socket.ts';
import type { Screen } from './screens.ts';
import { useLazy } from './use-lazy.ts';

const loadAdmin = () => import('../admin/AdminScreen.tsx');

interface Props {
  screen: Exclude<Screen, 'inbox'>;
  me: AgentDTO;
  onExpired: () => void;
  onSettingsSaved?: (s: WorkspaceSettings) => void;
  live?: AgentConnection | undefined;
}

/** Saved replies and the admin screens: their code loads only when one is first opened. */
export function LazyScreen(props: Props) {
  const { mod, error } = useLazy(loadAdmin);
  if (error) {
    return (
      <p class="placeholder" role="alert">
        This screen could not be loaded. Check the connection and reload the page.
      </p>
    );
  }
  if (!mod) {
    return (
      <p class="placeholder" role="status">
        Loading…
      </p>
    );
  }
  return <mod.AdminScreen {...props} />;
}
