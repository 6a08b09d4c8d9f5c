import { useState } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';
import { MESSAGE_MAX } from '../ui/limits.ts';

/** The message box: Enter sends, Shift+Enter adds a line. */
export function Composer({ t, onSend }: { t: ChatMessages; onSend: (text: string) => boolean }) {
  const [text, setText] = useState('');
  const tooLong = text.length > MESSAGE_MAX;
  const submit = () => {
    if (!tooLong && onSend(text)) setText('');
  };
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        class="composer-input"
        aria-label={t.message}
        placeholder={t.placeholder}
        rows={2}
        value={text}
        data-autofocus
        aria-invalid={tooLong}
        aria-describedby={tooLong ? 'parley-too-long' : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      {tooLong && (
        <p id="parley-too-long" class="composer-error">
          {t.tooLong(MESSAGE_MAX)}
        </p>
      )}
      <button type="submit" class="btn btn-primary composer-send" disabled={!text.trim() || tooLong}>
        {t.send}
      </button>
    </form>
  );
}
