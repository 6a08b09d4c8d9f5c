import { useState } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';
import { MESSAGE_MAX } from '../ui/limits.ts';

interface Props {
  t: ChatMessages;
  onSend: (text: string) => boolean;
  /** The saved draft, and where to keep it as it changes. */
  draft?: string;
  onDraft?: (text: string) => void;
  onTyping?: (typing: boolean) => void;
}

/** The message box: Enter sends, Shift+Enter adds a line. */
export function Composer({ t, onSend, draft = '', onDraft, onTyping }: Props) {
  const [text, setText] = useState(draft);
  const tooLong = text.length > MESSAGE_MAX;
  const update = (v: string) => {
    setText(v);
    onDraft?.(v);
    onTyping?.(v.trim() !== '');
  };
  const submit = () => {
    if (!tooLong && onSend(text)) update('');
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
        onInput={(e) => update(e.currentTarget.value)}
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
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 12l16-8-6 16-2.5-6.5z" />
        </svg>
        <span>{t.send}</span>
      </button>
    </form>
  );
}
