import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../config.ts';
import { scannerFrom } from '../../domain/attachments/virus-scan.ts';
import type { AttachmentOptions } from '../../http/attachments-router.ts';
import type { Logger } from '../../lib/logger.ts';
import { LocalFileStorage } from './local-file-storage.ts';
import { S3FileStorage } from './s3-file-storage.ts';

/**
 * Attachment storage and limits from the configuration: S3 when PARLEY_FILES_S3_BUCKET is set (credentials
 * from the usual AWS_* variables or the instance role), `<DATA_DIR>/files` otherwise.
 */
export function attachmentOptionsFrom(config: Config, logger: Logger): AttachmentOptions {
  const a = config.attachments;
  const storage = a.s3 ? new S3FileStorage(a.s3) : new LocalFileStorage(config.dataDir);
  const secret = a.urlSecret ?? keptSecret(config.dataDir);
  if (!a.urlSecret) {
    logger.info(
      `file links are signed with the secret kept in ${join(config.dataDir, SECRET_FILE)}; with more than one node, set PARLEY_FILE_URL_SECRET the same on every node`,
    );
  }
  logger.info(
    `attachments are stored ${a.s3 ? `in the S3 bucket ${a.s3.bucket}` : `under ${config.dataDir}/files`}`,
  );
  const scanner = scannerFrom(a.virusScan);
  if (scanner) logger.info(`uploads are checked for viruses by ${scanner.describe}`);
  return {
    scanner,
    storage,
    secret,
    maxFileBytes: a.maxFileBytes,
    maxConversationBytes: a.maxConversationBytes,
    urlTtlSeconds: a.urlTtlSeconds,
  };
}

const SECRET_FILE = 'file-url-secret';

/**
 * The secret file links are signed with when none is configured: made once and kept in the data folder (owner
 * only), so links sent in chats and emails keep working across restarts.
 */
export function keptSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process made it first: read theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return readFileSync(file, 'utf8').trim();
  }
}
