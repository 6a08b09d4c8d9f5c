import { ConfigError, loadConfig } from '../../server/config.ts';

/** What `loadConfig` refuses in `env`, one line a problem; none when it loads. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}
