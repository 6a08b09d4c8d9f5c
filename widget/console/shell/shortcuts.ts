/** The console's single-key shortcuts, shown on the `?` overlay. They never fire while typing in a field. */
export const SHORTCUTS = [
  { key: 'n', action: 'next', label: 'Open the next waiting conversation' },
  { key: 'c', action: 'claim', label: 'Claim the open conversation' },
  { key: 'x', action: 'close', label: 'Close the open conversation' },
  { key: 'r', action: 'reply', label: 'Focus the reply box' },
  { key: '/', action: 'reply', label: 'Saved replies (in the reply box, type / then a shortcut)' },
  { key: '?', action: 'help', label: 'Show these shortcuts' },
] as const;

export type ShortcutAction = (typeof SHORTCUTS)[number]['action'];

const isField = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/** The action a key press means, or null (typing in a field, a modifier held, an unknown key). */
export function shortcutFor(e: KeyboardEvent): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || isField(e.target)) return null;
  if (e.key === '/') return null; // Only meaningful in the reply box.
  return SHORTCUTS.find((s) => s.key === e.key)?.action ?? null;
}
