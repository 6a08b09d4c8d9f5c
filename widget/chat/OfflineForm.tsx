import { useState } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';
import { MESSAGE_MAX } from '../ui/limits.ts';
import { EMAIL } from './store.ts';

interface Props {
  t: ChatMessages;
  onSend: (text: string, email: string, name: string) => boolean;
}

/** Nobody can answer live: the visitor leaves a message and an address; the reply comes by email. */
export function OfflineForm({ t, onSend }: Props) {
  const [text, setText] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [tried, setTried] = useState(false);
  const badEmail = tried && !EMAIL.test(email.trim());
  const badText = tried && !text.trim();
  return (
    <form
      class="offline"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (text.trim() && text.length <= MESSAGE_MAX && EMAIL.test(email.trim()))
          onSend(text, email.trim(), name);
      }}
    >
      <h3 class="offline-title">{t.offlineTitle}</h3>
      <p class="offline-intro">{t.offlineIntro}</p>
      <label class="field">
        <span>{t.message}</span>
        <textarea
          rows={4}
          value={text}
          data-autofocus
          required
          aria-invalid={badText}
          maxLength={MESSAGE_MAX}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span>{t.emailLabel}</span>
        <input
          type="email"
          autoComplete="email"
          required
          value={email}
          aria-invalid={badEmail}
          aria-describedby={badEmail ? 'parley-offline-email' : undefined}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      {badEmail && (
        <p id="parley-offline-email" class="field-error">
          {t.emailInvalid}
        </p>
      )}
      <label class="field">
        <span>{t.nameLabel}</span>
        <input type="text" autoComplete="name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <button type="submit" class="btn btn-primary btn-block">
        {t.offlineSend}
      </button>
    </form>
  );
}
