import { useEffect, useRef, useState } from 'preact/hooks';
import type { InviteEmailOutcome } from '../../../server/protocol/accounts.ts';

export type Secret =
  | { kind: 'password'; name: string; email: string; password: string }
  | {
      kind: 'invite';
      name: string;
      email: string;
      url: string;
      expiresAt: string;
      /** What became of the email, when the server was asked to send the link. */
      emailed?: InviteEmailOutcome | undefined;
    };

/** The one-time password or invite link, shown once: focus lands on it, Copy puts it on the clipboard. */
export function SecretCallout({ secret, onDone }: { secret: Secret; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const value = secret.kind === 'password' ? secret.password : secret.url;
  useEffect(() => {
    setCopied(false);
    ref.current?.focus();
  }, [value]);
  const copy = () => {
    navigator.clipboard?.writeText(value).then(
      () => setCopied(true),
      () => undefined,
    );
  };
  const until =
    secret.kind === 'invite'
      ? new Date(secret.expiresAt).toLocaleString(undefined, {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          hour: '2-digit',
          minute: '2-digit',
        })
      : '';
  return (
    <div class="callout" role="status" tabIndex={-1} ref={ref} aria-labelledby="secret-title">
      {secret.kind === 'password' ? (
        <p id="secret-title">
          <strong>{secret.name}</strong> can sign in as <strong>{secret.email}</strong> with this one-time
          password. Copy it now: it will not be shown again.
        </p>
      ) : (
        <p id="secret-title">
          {secret.emailed === 'sent' ? (
            <>
              The link was emailed to <strong>{secret.name}</strong> ({secret.email}).
            </>
          ) : (
            <>
              Send this link to <strong>{secret.name}</strong> ({secret.email}).
            </>
          )}{' '}
          It works once, until {until}, and lets them choose their own password.{' '}
          {secret.emailed === 'sent'
            ? 'Here it is too, in case the email does not arrive; it will not be shown again.'
            : 'Copy it now: it will not be shown again.'}
        </p>
      )}
      {secret.kind === 'invite' && secret.emailed === 'failed' && (
        <p class="form-error">
          The email could not be sent. Copy the link and send it to them yourself; the invite works either
          way.
        </p>
      )}
      {secret.kind === 'invite' && secret.emailed === 'outbox' && (
        <p class="form-error">
          No mail server is set up, so the email was only saved in the server's outbox folder. Copy the link
          and send it to them yourself.
        </p>
      )}
      <p class="secret-row">
        {secret.kind === 'password' ? (
          <>
            <span class="visually-hidden">One-time password: </span>
            <code class="secret">{secret.password}</code>
          </>
        ) : (
          <input
            class="secret secret-link"
            aria-label="Invite link"
            readOnly
            value={secret.url}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
        <button type="button" class="btn btn-small" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" class="btn btn-small btn-quiet" onClick={onDone}>
          Done
        </button>
      </p>
    </div>
  );
}
