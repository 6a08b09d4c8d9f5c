import { execFile } from 'node:child_process';

export interface GitAuthor {
  name: string;
  email: string;
}

/** Runs the git CLI in `cwd` with an argument list (never a shell); resolves with stdout. */
export function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C', ...env },
        maxBuffer: 16 * 1024 * 1024,
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`git ${args[0]} failed: ${String(stderr).trim() || error.message}`));
        else resolve(String(stdout));
      },
    );
  });
}

/** The top of the git work tree `dir` belongs to, or undefined when it is not in one (or git is missing). */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  try {
    return (await git(dir, ['rev-parse', '--show-toplevel'])).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A person's name and address made safe for `--author "Name <email>"`: no angle brackets or line breaks, which
 * git would read as the end of the name or of the header.
 */
export function authorArg(author: GitAuthor): string {
  const clean = (s: string) => s.replace(/[<>\r\n\0]/g, '').trim();
  const name = clean(author.name) || 'Parley editor';
  const email = clean(author.email) || 'editor@parley.invalid';
  return `${name} <${email}>`;
}
