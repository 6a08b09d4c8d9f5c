export type View = 'home' | 'article' | 'chat';

/** The widget's screen state; the loader's commands change it from outside Preact. */
export interface ShellState {
  open: boolean;
  view: View;
  query: string;
  slug: string | null;
  /** Where Back goes from an article: the chat, when the article was opened from a reply in it. */
  returnTo?: 'chat' | null;
}

export const initialShell = (): ShellState => ({ open: false, view: 'home', query: '', slug: null });
