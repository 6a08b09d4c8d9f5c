import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FileStorage, sha256Of } from '../../server/storage/files/file-storage.ts';
import { LocalFileStorage } from '../../server/storage/files/local-file-storage.ts';
import { S3FileStorage } from '../../server/storage/files/s3-file-storage.ts';
import { S3RVER_CREDENTIALS, startS3rver } from '../support/s3-server.ts';

/**
 * One contract for both back-ends: the local disk, and S3 through the official AWS SDK against s3rver
 * (an S3-compatible server from npm) started on loopback here.
 */
const backends: Array<{ name: string; make(): Promise<{ storage: FileStorage; stop(): Promise<void> }> }> = [
  {
    name: 'local disk',
    async make() {
      const dir = await mkdtemp(join(tmpdir(), 'parley-files-'));
      return { storage: new LocalFileStorage(dir), stop: () => rm(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'S3 (s3rver on loopback)',
    async make() {
      const s3 = await startS3rver('parley-test');
      const storage = new S3FileStorage({
        bucket: 'parley-test',
        endpoint: s3.endpoint,
        prefix: 'files/',
        ...S3RVER_CREDENTIALS,
      });
      return {
        storage,
        stop: async () => {
          storage.close();
          await s3.close();
        },
      };
    },
  },
];

for (const backend of backends) {
  describe(`file storage contract: ${backend.name}`, () => {
    let storage: FileStorage;
    let stop: () => Promise<void>;
    beforeAll(async () => {
      ({ storage, stop } = await backend.make());
    });
    afterAll(() => stop());

    const photo = Buffer.from('a photo of the damaged parcel');

    it('stores bytes under their SHA-256 and gives the same bytes back', async () => {
      const put = await storage.put('conv-1', photo);
      expect(put).toEqual({ sha256: sha256Of(photo), size: photo.length });
      expect((await storage.get('conv-1', put.sha256))?.equals(photo)).toBe(true);
    });

    it('stores the same bytes once however often they are put (a retried upload is not doubled)', async () => {
      await storage.put('conv-2', photo);
      await storage.put('conv-2', photo);
      await storage.put('conv-2', Buffer.from('an invoice'));
      const list = await storage.list('conv-2');
      expect(list.map((f) => f.sha256).sort()).toEqual(
        [sha256Of(photo), sha256Of(Buffer.from('an invoice'))].sort(),
      );
      expect(list.reduce((n, f) => n + f.size, 0)).toBe(photo.length + 'an invoice'.length);
    });

    it('keeps scopes apart: a file of one conversation is not found in another', async () => {
      const put = await storage.put('conv-3', Buffer.from('only in three'));
      expect(await storage.get('conv-4', put.sha256)).toBeUndefined();
      expect(await storage.list('conv-4')).toEqual([]);
    });

    it('answers undefined for a missing or malformed name, and refuses scopes that look like paths', async () => {
      expect(await storage.get('conv-1', 'f'.repeat(64))).toBeUndefined();
      expect(await storage.get('conv-1', '../../etc/passwd')).toBeUndefined();
      await expect(storage.put('../escape', photo)).rejects.toThrow(/Invalid file scope/);
      await expect(storage.list('a/b')).rejects.toThrow(/Invalid file scope/);
    });

    it('deletes every file of a scope and no other', async () => {
      await storage.put('conv-5', Buffer.from('one'));
      await storage.put('conv-5', Buffer.from('two'));
      await storage.put('conv-6', Buffer.from('keep me'));
      expect(await storage.deleteScope('conv-5')).toBe(2);
      expect(await storage.list('conv-5')).toEqual([]);
      expect(await storage.get('conv-5', sha256Of(Buffer.from('one')))).toBeUndefined();
      expect(await storage.list('conv-6')).toHaveLength(1);
      expect(await storage.deleteScope('conv-never')).toBe(0);
    });

    it('holds a 3 MB file byte for byte', async () => {
      const big = Buffer.alloc(3 * 1024 * 1024, 7);
      big.write('start');
      const put = await storage.put('conv-7', big);
      expect((await storage.get('conv-7', put.sha256))?.equals(big)).toBe(true);
    });
  });
}

describe('local disk permissions', () => {
  it('makes folders 0700 and files 0600 (only the server user reads them)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-files-'));
    try {
      const storage = new LocalFileStorage(dir);
      const put = await storage.put('conv-1', Buffer.from('secret'));
      expect((await stat(join(dir, 'files'))).mode & 0o777).toBe(0o700);
      expect((await stat(join(dir, 'files', 'conv-1'))).mode & 0o777).toBe(0o700);
      expect((await stat(join(dir, 'files', 'conv-1', put.sha256))).mode & 0o777).toBe(0o600);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
