import { useEffect, useState } from 'preact/hooks';
import type { ChatMessages } from '../app/i18n/index.ts';
import { EMAIL } from './store.ts';

/** How the form reaches the server: the widget's base URL and the visitor's token. */
let access: { base: string; token: () => string | undefined } | null = null;
export function setTranscriptAccess(a: typeof access): void {
  access = a;
}

/** Whether this server sends transcripts (it does only with SMTP configured). */
export async function transcriptOffered(): Promise<boolean> {
  if (!access) return false;
  try {
    const res = await fetch(`${access.base}api/visitor/transcript`, { credentials: 'omit' });
    return res.ok;
  } catch {
    return false;
  }
}

/** Asks the server to email the conversation; 'sent' (a verified address) or 'confirm' (a link went out first). */
export async function requestTranscript(
  conversationId: string,
  email: string,
): Promise<'sent' | 'confirm' | 'rate_limited' | 'error'> {
  const token = access?.token();
  if (!access || !token) return 'error';
  try {
    const res = await fetch(`${access.base}api/visitor/transcript`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, conversationId, email }),
    });
    if (res.status === 429) return 'rate_limited';
    if (!res.ok) return 'error';
    return ((await res.json()) as { outcome: 'sent' | 'confirm' }).outcome;
  } catch {
    return 'error';
  }
}

/**
 * After the chat: the visitor may have it by email. Unless the site vouched for the address, the server first
 * sends a link to confirm it, so nobody can send the chat (or anything) to someone else's inbox.
 */
export function TranscriptForm({
  t,
  conversationId,
  email: known,
}: {
  t: ChatMessages;
  conversationId: string;
  email: string | null;
}) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState(known ?? '');
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [offered, setOffered] = useState(false);
  // Offered only where the server really sends email.
  useEffect(() => {
    let live = true;
    void transcriptOffered().then((yes) => live && setOffered(yes));
    return () => {
      live = false;
    };
  }, []);

  if (!offered) return null;

  if (outcome)
    return (
      <p class="transcript-done" role="status">
        {outcome}
      </p>
    );
  if (!open)
    return (
      <button type="button" class="link-btn transcript-offer" onClick={() => setOpen(true)}>
        {t.transcriptOffer}
      </button>
    );
  return (
    <form
      class="inline-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        const v = email.trim();
        setInvalid(!EMAIL.test(v));
        if (!EMAIL.test(v) || busy) return;
        setBusy(true);
        setFailed(null);
        const r = await requestTranscript(conversationId, v);
        setBusy(false);
        if (r === 'sent') setOutcome(t.transcriptSent(v));
        else if (r === 'confirm') setOutcome(t.transcriptConfirm(v));
        else setFailed(r === 'rate_limited' ? t.rateLimited : t.error);
      }}
    >
      <label class="field">
        <span>{t.emailLabel}</span>
        <input
          type="email"
          autoComplete="email"
          value={email}
          data-autofocus
          aria-invalid={invalid}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <button type="submit" class="btn btn-secondary" disabled={busy}>
        {t.transcriptSend}
      </button>
      {(invalid || failed) && (
        <p class="field-error" role="alert">
          {invalid ? t.emailInvalid : failed}
        </p>
      )}
    </form>
  );
}
