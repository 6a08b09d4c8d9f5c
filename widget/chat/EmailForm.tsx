import { useState } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';
import { EMAIL } from './store.ts';

/** While waiting without an estimate: the visitor may leave an address for the reply. */
export function EmailForm({ t, onSave }: { t: ChatMessages; onSave: (email: string) => Promise<boolean> }) {
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  return (
    <form
      class="inline-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const v = email.trim();
        setInvalid(!EMAIL.test(v));
        if (EMAIL.test(v)) void onSave(v);
      }}
    >
      <label class="field">
        <span>{t.emailLabel}</span>
        <input
          type="email"
          autoComplete="email"
          value={email}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'parley-email-error' : undefined}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="btn btn-secondary">
        {t.emailSave}
      </button>
      {invalid && (
        <p id="parley-email-error" class="field-error">
          {t.emailInvalid}
        </p>
      )}
    </form>
  );
}
