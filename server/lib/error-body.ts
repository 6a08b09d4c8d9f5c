import type { ZodError } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { type ErrorBody, ErrorCode } from '../protocol/errors.ts';
import type { Logger } from './logger.ts';

/** One table from error code to HTTP status; sockets send the same codes in acks. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  password_change_required: 403,
  not_found: 404,
  conflict: 409,
  already_claimed: 409,
  conversation_closed: 409,
  rate_limited: 429,
  payload_too_large: 413,
  file_type_not_allowed: 415,
  file_infected: 422,
  protocol_mismatch: 400,
  origin_not_allowed: 403,
  queue_full: 503,
  unavailable: 503,
  storage_full: 507,
  internal: 500,
};

export function validationError(err: ZodError): DomainError {
  const issues = err.issues.map((i) => ({ path: i.path.join('.') || '(payload)', message: i.message }));
  return new DomainError(
    ErrorCode.validation,
    issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    issues,
  );
}

/** A DomainError becomes its own body; anything else is logged with its stack and answered as `internal`. */
export function toErrorBody(err: unknown, logger: Logger): ErrorBody {
  if (err instanceof DomainError) {
    return { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
  }
  logger.error({ err }, 'unexpected error');
  return { code: ErrorCode.internal, message: 'Something went wrong on our side; please try again' };
}
