import { useRef, useState } from 'preact/hooks';
import type { AttachmentRef } from '../../server/protocol/dto.ts';
import type { ChatMessages } from '../app/i18n/index.ts';
import { languageOf } from '../ui/language.ts';
import { MESSAGE_MAX } from '../ui/limits.ts';
import { ComposerAttach } from './attachments/ComposerAttach.tsx';
import { fileAccess } from './attachments/LazyFiles.tsx';
import { attachLabel } from './attachments/labels.ts';

interface Props {
  t: ChatMessages;
  onSend: (text: string, files?: AttachmentRef[]) => boolean;
  /** The open conversation files go to; before there is one, files wait and follow the first message. */
  attachTo?: string | undefined;
  /** The saved draft, and where to keep it as it changes. */
  draft?: string;
  onDraft?: (text: string) => void;
  onTyping?: (typing: boolean) => void;
}

/** The message box: Enter sends, Shift+Enter adds a line. */
export function Composer({ t, onSend, draft = '', onDraft, onTyping, attachTo }: Props) {
  const [text, setText] = useState(draft);
  const [files, setFiles] = useState<AttachmentRef[]>([]);
  // Files chosen before there is a conversation, and those carried over the first message to upload after it.
  const [held, setHeld] = useState<File[]>([]);
  const [carry, setCarry] = useState<File[]>([]);
  const [round, setRound] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const tooLong = text.length > MESSAGE_MAX;
  const update = (v: string) => {
    setText(v);
    onDraft?.(v);
    onTyping?.(v.trim() !== '');
  };
  const submit = () => {
    // A message needs words: files sent alone carry their names as the text.
    const words = text.trim() || [...files, ...held].map((f) => f.name).join(', ');
    if (tooLong || !words || !onSend(words, files.length ? files : undefined)) return;
    // The first message starts the conversation; the files chosen with it upload then, and follow it.
    if (!attachTo && held.length) setCarry(held);
    update('');
    setFiles([]);
    setHeld([]);
    setRound((n) => n + 1);
  };
  return (
    <form
      ref={form}
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
      <ComposerAttach
        key={round}
        conversationId={attachTo}
        zone={form}
        label={attachLabel(languageOf(fileAccess()?.locale ?? ''))}
        onRefs={setFiles}
        carry={carry}
        onHeld={setHeld}
        onCarried={(refs) => {
          setCarry([]);
          if (refs.length) onSend(refs.map((f) => f.name).join(', '), refs);
        }}
      />
      <button
        type="submit"
        class="btn btn-primary composer-send"
        disabled={(!text.trim() && files.length === 0 && held.length === 0) || tooLong}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M4 12l16-8-6 16-2.5-6.5z" />
        </svg>
        <span>{t.send}</span>
      </button>
    </form>
  );
}
