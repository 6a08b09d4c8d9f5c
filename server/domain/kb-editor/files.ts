import { randomBytes } from 'node:crypto';
import { mkdir, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { ErrorCode } from '../../protocol/errors.ts';
import { DomainError } from '../errors.ts';

/** Writes beside the file, then renames over it: readers (and the watcher) never see half a file. */
export async function writeAtomically(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * The absolute path of `relPath` under `root`, after making sure its folder (once created) really is inside the
 * root: a folder that is a symlink to elsewhere is refused.
 */
export async function insideRoot(root: string, relPath: string): Promise<string> {
  const realRoot = await realpath(root);
  const abs = join(realRoot, ...relPath.split('/'));
  await mkdir(dirname(abs), { recursive: true });
  const realDir = await realpath(dirname(abs));
  if (realDir !== realRoot && !realDir.startsWith(realRoot + sep)) {
    throw new DomainError(ErrorCode.validation, `${relPath} would be outside the knowledge base`);
  }
  return abs;
}
