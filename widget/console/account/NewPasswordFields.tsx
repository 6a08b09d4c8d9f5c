import { PasswordRules } from '../../../server/protocol/accounts.ts';

export interface NewPassword {
  password: string;
  confirm: string;
}

/** What is wrong with a chosen password, by the server's own rule, or null when it will do. */
export function newPasswordProblem({ password, confirm }: NewPassword): string | null {
  if (password.length < PasswordRules.minLength) {
    return `Choose a password of at least ${PasswordRules.minLength} characters.`;
  }
  if (password.length > PasswordRules.maxLength) {
    return `Choose a password of at most ${PasswordRules.maxLength} characters.`;
  }
  if (!password.trim()) return 'A password of only spaces will not do.';
  if (password !== confirm) return 'The two passwords are not the same.';
  return null;
}

interface Props {
  value: NewPassword;
  onChange: (next: NewPassword) => void;
}

/** "New password" and "Confirm password", with the rule said up front rather than after a failed try. */
export function NewPasswordFields({ value, onChange }: Props) {
  return (
    <>
      <div class="field">
        <label for="new-password">New password</label>
        <input
          id="new-password"
          type="password"
          name="new-password"
          autocomplete="new-password"
          required
          minLength={PasswordRules.minLength}
          maxLength={PasswordRules.maxLength}
          aria-describedby="new-password-hint"
          value={value.password}
          onInput={(e) => onChange({ ...value, password: e.currentTarget.value })}
        />
        <small class="muted field-hint" id="new-password-hint">
          At least {PasswordRules.minLength} characters. A few unrelated words are easy to remember and hard
          to guess.
        </small>
      </div>
      <div class="field">
        <label for="confirm-password">Confirm password</label>
        <input
          id="confirm-password"
          type="password"
          name="confirm-password"
          autocomplete="new-password"
          required
          value={value.confirm}
          onInput={(e) => onChange({ ...value, confirm: e.currentTarget.value })}
        />
      </div>
    </>
  );
}
