import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createLogger, type Logger } from '../../../server/lib/logger.ts';

/** A logger whose lines the test can read. */
export function capturingLogger(): { logger: Logger; messages: () => string[] } {
  const lines: Array<{ msg?: string }> = [];
  const logger = createLogger('warn', { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, messages: () => lines.map((l) => l.msg ?? '') };
}

/** A throwaway knowledge-base folder filled with `files` (path -> content). */
export async function tempKb(
  files: Record<string, string | Buffer>,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'parley-kb-'));
  for (const [path, content] of Object.entries(files)) await writeKbFile(dir, path, content);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeKbFile(dir: string, path: string, content: string | Buffer): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), content);
}

export const article = (title: string, body = 'Some helpful text.', extra = '') =>
  `---\ntitle: ${JSON.stringify(title)}\n${extra}---\n${body}\n`;
