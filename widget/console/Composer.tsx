import type { TargetedKeyboardEvent, TargetedSubmitEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/** Same limit the server enforces (Limits.messageText in server/protocol/schemas.ts, kept out of the bundle). */
export const MAX_TEXT = 4000;
const TYPING_IDLE_MS = 3000;

interface Props {
  onSend: (text: string, internal: boolean) => void;
  /** The unsent text of this conversation, kept by the caller across conversations and sign-ins. */
  draft?: string;
  onDraft?: (text: string) => void;
  /** Tells the visitor the agent is typing; never called for internal notes. */
  onTyping?: (typing: boolean) => void;
  /** When set, replying is off and this says why. */
  disabledReason?: string | null;
}

/** The reply box: Enter sends, Shift+Enter adds a line; "Internal note" keeps it among agents. */
export function Composer({ onSend, draft = '', onDraft, onTyping, disabledReason = null }: Props) {
  const [text, setText] = useState(draft);
  const [internal, setInternal] = useState(false);
  const typing = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopTyping = () => {
    if (!typing.current) return;
    clearTimeout(typing.current);
    typing.current = null;
    onTyping?.(false);
  };
  useEffect(() => stopTyping, []);

  const change = (value: string) => {
    setText(value);
    onDraft?.(value);
    if (internal || !onTyping) return;
    if (!typing.current) onTyping(true);
    else clearTimeout(typing.current);
    typing.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const body = text.trim();
  const tooLong = body.length > MAX_TEXT;
  const send = () => {
    if (!body || tooLong || disabledReason) return;
    onSend(body, internal);
    setText('');
    onDraft?.('');
    stopTyping();
  };

  const onKeyDown = (e: TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    send();
  };
  const onSubmit = (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    send();
  };

  return (
    <form class={`composer ${internal ? 'is-internal' : ''}`} onSubmit={onSubmit}>
      <label class="visually-hidden" for="composer-text">
        Reply
      </label>
      <textarea
        id="composer-text"
        rows={3}
        value={text}
        disabled={Boolean(disabledReason)}
        placeholder={disabledReason ?? (internal ? 'Only agents will see this note' : 'Write a reply…')}
        aria-describedby="composer-hint"
        onInput={(e) => change(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <div class="composer-bar">
        <label class="toggle">
          <input
            type="checkbox"
            checked={internal}
            disabled={Boolean(disabledReason)}
            onChange={(e) => {
              setInternal(e.currentTarget.checked);
              if (e.currentTarget.checked) stopTyping();
            }}
          />
          <span>Internal note</span>
        </label>
        <span id="composer-hint" class={`hint ${tooLong ? 'is-error' : ''}`}>
          {tooLong
            ? `${body.length - MAX_TEXT} characters over the limit`
            : 'Enter to send, Shift+Enter for a new line'}
        </span>
        <button type="submit" class="btn btn-primary" disabled={!body || tooLong || Boolean(disabledReason)}>
          {internal ? 'Add note' : 'Send'}
        </button>
      </div>
    </form>
  );
}
