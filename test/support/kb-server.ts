import { tempKb } from '../unit/knowledge-base/helpers.ts';
import { startTestServer } from './server.ts';

/**
 * A test server over a throwaway knowledge-base folder filled with `files` (path -> content). `kbDir` is that
 * folder; closing the server also removes it.
 */
export async function startKbServer(
  files: Record<string, string | Buffer>,
  opts: Omit<NonNullable<Parameters<typeof startTestServer>[0]>, 'kbDir'> = {},
) {
  const kb = await tempKb(files);
  const server = await startTestServer({ ...opts, kbDir: kb.dir });
  return {
    ...server,
    kbDir: kb.dir,
    async close() {
      await server.close();
      await kb.cleanup();
    },
  };
}
