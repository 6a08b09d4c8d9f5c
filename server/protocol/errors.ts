/** Error codes shared by HTTP responses and socket acks. */
export const ErrorCode = {
  badRequest: 'bad_request',
  validation: 'validation_failed',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  /** Signed in with a one-time password: only choosing a new one (and signing out) is allowed. */
  passwordChangeRequired: 'password_change_required',
  notFound: 'not_found',
  conflict: 'conflict',
  alreadyClaimed: 'already_claimed',
  conversationClosed: 'conversation_closed',
  rateLimited: 'rate_limited',
  payloadTooLarge: 'payload_too_large',
  /** An attachment whose content (magic bytes) is not on the allow-list. */
  fileTypeNotAllowed: 'file_type_not_allowed',
  /** An attachment the virus scanner flagged: it was not stored. */
  fileInfected: 'file_infected',
  protocolMismatch: 'protocol_mismatch',
  originNotAllowed: 'origin_not_allowed',
  queueFull: 'queue_full',
  unavailable: 'unavailable',
  /** The server's disk is full: nothing was stored; try again later (the outbox keeps it). */
  storageFull: 'storage_full',
  internal: 'internal',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Every validation issue, when code is validation_failed. */
  issues?: Array<{ path: string; message: string }>;
}

/** What every command's acknowledgement callback receives. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckFn<T> = (result: Ack<T>) => void;
