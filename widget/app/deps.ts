import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { AvailabilityDTO } from '../../server/protocol/dto.ts';
import type { ChatHandle } from '../chat/main.ts';
import type { Identity, WidgetEventName, WidgetEvents } from '../loader/contract.ts';
import type { Store } from '../ui/store.ts';
import type { KbApi } from './api.ts';
import type { EventReporter } from './events.ts';
import type { Messages } from './i18n/index.ts';
import type { ShellState } from './shell.ts';
import type { Trail } from './trail.ts';

/** Everything the widget's components need from outside; tests pass fakes. */
export interface AppDeps {
  kb: KbApi;
  t: Messages;
  trail: Trail;
  /** Committed searches and votes, for editors' content-gap reports. */
  events: EventReporter;
  shell: Store<ShellState>;
  /** Page the visitor is on (for suggestions and the conversation's context). */
  pageUrl: string;
  /** Who is online and the expected wait (`GET /api/visitor/availability`, shared with the chat). */
  availability?(): Promise<AvailabilityDTO>;
  /** Loads the chat chunk (once) and gives its view and the visitor's conversation store. */
  chat(): Promise<ChatHandle>;
  /** Focus target on close (the launcher). */
  launcher: HTMLElement | null;
  base: string;
  locale: string;
  identity(): Identity | null;
  setOpen(open: boolean): void;
  setUnread(count: number): void;
  emit<E extends WidgetEventName>(event: E, payload: WidgetEvents[E]): void;
}

export const DepsContext = createContext<AppDeps | null>(null);

export function useDeps(): AppDeps {
  const deps = useContext(DepsContext);
  if (!deps) throw new Error('DepsContext missing');
  return deps;
}
