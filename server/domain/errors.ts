import { ErrorCode } from '../protocol/errors.ts';

/** The one error type the domain throws on purpose; the edges map its code to an HTTP status or an ack. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string) => new DomainError(ErrorCode.notFound, `${what} not found`);
export const forbidden = (why = 'Not allowed') => new DomainError(ErrorCode.forbidden, why);
