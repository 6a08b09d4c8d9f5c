export type View = 'home' | 'article' | 'chat';

/** The widget's screen state; the loader's commands change it from outside Preact. */
export interface ShellState {
  open: boolean;
  view: View;
  query: string;
  slug: string | null;
}

export const initialShell = (): ShellState => ({ open: false, view: 'home', query: '', slug: null });
