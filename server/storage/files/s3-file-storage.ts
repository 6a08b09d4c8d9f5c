import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { checkScope, type FileStorage, isSha256, type StoredFile, sha256Of } from './file-storage.ts';

export interface S3Options {
  bucket: string;
  /** Empty for AWS itself; the URL of an S3-compatible server (MinIO, Garage, Ceph, s3rver) otherwise. */
  endpoint?: string | undefined;
  region?: string | undefined;
  /** Key prefix inside the bucket, e.g. `parley/` (default: none). */
  prefix?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
}

/**
 * Files in an S3 bucket under `<prefix><scope>/<sha256>`, shared by every node. Uses the official AWS SDK
 * with path-style addressing when an endpoint is given, and checksums only where S3 requires them, so
 * S3-compatible servers that predate the SDK's default checksums work too.
 */
export class S3FileStorage implements FileStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly opts: S3Options) {
    this.client = new S3Client({
      region: opts.region ?? 'us-east-1',
      ...(opts.endpoint ? { endpoint: opts.endpoint, forcePathStyle: true } : {}),
      ...(opts.accessKeyId && opts.secretAccessKey
        ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } }
        : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(scope: string, sha256 = ''): string {
    return `${this.opts.prefix ?? ''}${checkScope(scope)}/${sha256}`;
  }

  async put(scope: string, bytes: Uint8Array): Promise<StoredFile> {
    const sha256 = sha256Of(bytes);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.opts.bucket,
        Key: this.key(scope, sha256),
        Body: bytes,
        ContentType: 'application/octet-stream',
      }),
    );
    return { sha256, size: bytes.byteLength };
  }

  async get(scope: string, sha256: string): Promise<Buffer | undefined> {
    if (!isSha256(sha256)) return undefined;
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.key(scope, sha256) }),
      );
      return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
    } catch (e) {
      const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
      if (err.name === 'NoSuchKey' || err.$metadata?.httpStatusCode === 404) return undefined;
      throw e;
    }
  }

  async list(scope: string): Promise<StoredFile[]> {
    const prefix = this.key(scope);
    const files: StoredFile[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.opts.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of page.Contents ?? []) {
        const name = (o.Key ?? '').slice(prefix.length);
        if (isSha256(name)) files.push({ sha256: name, size: o.Size ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return files;
  }

  async deleteScope(scope: string): Promise<number> {
    const files = await this.list(scope);
    for (const f of files) {
      await this.client.send(
        new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.key(scope, f.sha256) }),
      );
    }
    return files.length;
  }

  close(): void {
    this.client.destroy();
  }
}
