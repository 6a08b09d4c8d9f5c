import { Dialog } from '../Dialog.tsx';
import { SHORTCUTS } from './shortcuts.ts';

/** The `?` overlay: every keyboard shortcut of the console. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <dl class="shortcuts">
        {SHORTCUTS.map((s) => (
          <div key={s.key} class="shortcut">
            <dt>
              <kbd>{s.key}</kbd>
            </dt>
            <dd>{s.label}</dd>
          </div>
        ))}
        <div class="shortcut">
          <dt>
            <kbd>Enter</kbd>
          </dt>
          <dd>Send the reply (Shift+Enter for a new line)</dd>
        </div>
        <div class="shortcut">
          <dt>
            <kbd>Esc</kbd>
          </dt>
          <dd>Close a panel or a picker</dd>
        </div>
      </dl>
    </Dialog>
  );
}
