/**
 * `npm run kb:check [dir]`: validates every article of a knowledge base and prints
 * `file:line: severity: problem` lines. Exit code 1 when there is any error (warnings pass).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkKnowledgeBase } from '../domain/knowledge-base/check.ts';

async function main(): Promise<number> {
  const dir = resolve(process.argv[2] ?? process.env.KB_DIR ?? './knowledge-base');
  if (!existsSync(dir)) {
    process.stderr.write(`kb:check: folder not found: ${dir}\n`);
    return 2;
  }
  const report = await checkKnowledgeBase(dir);
  for (const line of report.lines) process.stdout.write(`${line}\n`);
  process.stdout.write(
    `kb:check: ${report.articles} articles${translated(report.translations)}, ${report.errors} error(s), ${report.warnings} warning(s) in ${dir}\n`,
  );
  if (report.errors > 0) {
    process.stdout.write(
      'kb:check: a file with an error is not published; a running server keeps serving the last good version\n' +
        'of an article it had already loaded, and lists the file under Content gaps until it is fixed.\n',
    );
  }
  return report.errors > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`kb:check failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);

/** ` (translations: es 4, de 2)`, or nothing when there are none. */
function translated(counts: Record<string, number>): string {
  const parts = Object.entries(counts).map(([l, n]) => `${l} ${n}`);
  return parts.length ? ` (translations: ${parts.join(', ')})` : '';
}
