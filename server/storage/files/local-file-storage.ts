import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkScope, type FileStorage, isSha256, type StoredFile, sha256Of } from './file-storage.ts';

/**
 * Files on the local disk under `<DATA_DIR>/files/<scope>/<sha256>`: folders 0700, files 0600 (only the
 * server's user reads them). Writes go to a temporary file renamed into place, so a crash never leaves half
 * a file under its name.
 */
export class LocalFileStorage implements FileStorage {
  readonly kind = 'local' as const;
  readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
  }

  private async dir(scope: string): Promise<string> {
    const dir = join(this.root, checkScope(scope));
    for (const d of [this.root, dir]) {
      await mkdir(d, { recursive: true, mode: 0o700 });
      await chmod(d, 0o700);
    }
    return dir;
  }

  async put(scope: string, bytes: Uint8Array): Promise<StoredFile> {
    const sha256 = sha256Of(bytes);
    const dir = await this.dir(scope);
    const path = join(dir, sha256);
    const existing = await stat(path).catch(() => undefined);
    if (existing?.size === bytes.byteLength) return { sha256, size: bytes.byteLength };
    const tmp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
    await writeFile(tmp, bytes, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, path);
    return { sha256, size: bytes.byteLength };
  }

  async get(scope: string, sha256: string): Promise<Buffer | undefined> {
    if (!isSha256(sha256)) return undefined;
    return readFile(join(this.root, checkScope(scope), sha256)).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    });
  }

  async list(scope: string): Promise<StoredFile[]> {
    const dir = join(this.root, checkScope(scope));
    const names = await readdir(dir).catch(() => [] as string[]);
    const files: StoredFile[] = [];
    for (const name of names.filter(isSha256)) {
      const s = await stat(join(dir, name)).catch(() => undefined);
      if (s) files.push({ sha256: name, size: s.size });
    }
    return files;
  }

  async deleteScope(scope: string): Promise<number> {
    const n = (await this.list(scope)).length;
    await rm(join(this.root, checkScope(scope)), { recursive: true, force: true });
    return n;
  }
}
