import { randomBytes } from 'node:crypto';
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
  if (!a.urlSecret) {
    logger.warn(
      'PARLEY_FILE_URL_SECRET is not set: file links are signed with a random secret and stop working on restart (set it, the same on every node)',
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
    secret: a.urlSecret ?? randomBytes(32).toString('hex'),
    maxFileBytes: a.maxFileBytes,
    maxConversationBytes: a.maxConversationBytes,
    urlTtlSeconds: a.urlTtlSeconds,
  };
}
