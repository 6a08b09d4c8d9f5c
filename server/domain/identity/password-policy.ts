import { z } from 'zod';
import { PasswordRules } from '../../protocol/accounts.ts';

/** A password someone chooses: long enough to resist guessing, short enough to hash cheaply. */
export const newPasswordSchema = z
  .string()
  .min(PasswordRules.minLength, `must be at least ${PasswordRules.minLength} characters`)
  .max(PasswordRules.maxLength, `must be at most ${PasswordRules.maxLength} characters`)
  .refine((p) => p.trim().length > 0, 'must not be only spaces');

/** `POST /api/console/password`: the current password proves it is really the agent at the keyboard. */
export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(PasswordRules.maxLength),
    newPassword: newPasswordSchema,
  })
  .strict();

/** `POST /api/console/password/choose`: a first password of one's own, after a one-time password. */
export const passwordChooseSchema = z.object({ newPassword: newPasswordSchema }).strict();
