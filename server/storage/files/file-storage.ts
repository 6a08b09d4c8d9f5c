import { createHash } from 'node:crypto';

/** One stored file: its SHA-256 (hex, its name in storage) and its size in bytes. */
export interface StoredFile {
  sha256: string;
  size: number;
}

/**
 * Where attachment bytes live, grouped by scope (a conversation id). Files are content-addressed: the same
 * bytes put twice in one scope are stored once, so a retried upload never doubles. Two implementations pass
 * test/integration/file-storage-contract.test.ts: the local disk (one node) and S3-compatible storage (many).
 */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Stores the bytes (idempotent: the same bytes again change nothing) and returns their name and size. */
  put(scope: string, bytes: Uint8Array): Promise<StoredFile>;
  /** The bytes, or undefined when there is no such file in the scope. */
  get(scope: string, sha256: string): Promise<Buffer | undefined>;
  /** Every file of the scope (order unspecified). */
  list(scope: string): Promise<StoredFile[]>;
  /** Deletes every file of the scope; the number deleted. */
  deleteScope(scope: string): Promise<number>;
}

const SCOPE = /^[A-Za-z0-9_-]{1,100}$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Throws on a scope that could name a path outside the storage (only ids are scopes). */
export function checkScope(scope: string): string {
  if (!SCOPE.test(scope)) throw new Error(`Invalid file scope: ${JSON.stringify(scope)}`);
  return scope;
}

export function isSha256(s: string): boolean {
  return SHA256.test(s);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
