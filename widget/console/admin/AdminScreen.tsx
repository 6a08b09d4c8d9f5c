import type { AgentDTO } from '../../../server/protocol/dto.ts';
import { AccountScreen } from '../account/AccountScreen.tsx';
import type { WorkspaceSettings } from '../api.ts';
import { ReportsScreen } from '../reports/ReportsScreen.tsx';
import type { Screen } from '../shell/screens.ts';
import type { AgentConnection } from '../socket.ts';
import { AgentsScreen } from './AgentsScreen.tsx';
import { ContentGapsScreen } from './ContentGapsScreen.tsx';
import { SavedRepliesScreen } from './SavedRepliesScreen.tsx';
import { SettingsScreen } from './SettingsScreen.tsx';
import './admin.css';

interface Props {
  screen: Exclude<Screen, 'inbox'>;
  me: AgentDTO;
  onExpired: () => void;
  onSettingsSaved?: (s: WorkspaceSettings) => void;
  /** The console's realtime link, when it has one (editors' consoles do not). */
  live?: AgentConnection | undefined;
}

/** The lazily loaded screens: saved replies, agents, widget and routing settings, content gaps, one's account. */
export function AdminScreen({ screen, me, onExpired, onSettingsSaved, live }: Props) {
  switch (screen) {
    case 'replies':
      return <SavedRepliesScreen me={me} onExpired={onExpired} />;
    case 'agents':
      return <AgentsScreen me={me} onExpired={onExpired} live={live} />;
    case 'settings':
      return (
        <SettingsScreen onExpired={onExpired} {...(onSettingsSaved ? { onSaved: onSettingsSaved } : {})} />
      );
    case 'gaps':
      return <ContentGapsScreen onExpired={onExpired} />;
    case 'reports':
      return <ReportsScreen me={me} onExpired={onExpired} />;
    case 'account':
      return <AccountScreen me={me} onExpired={onExpired} />;
  }
}
