import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A built-assets folder laid out as `npm run build` leaves dist/public (the loader, the widget app, the
 * console page under widget/console, hashed assets), so the HTTP tests need no build.
 */
export function fakeAssets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'parley-assets-'));
  mkdirSync(join(dir, 'widget', 'console'), { recursive: true });
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'widget.js'), 'console.log("loader")');
  writeFileSync(join(dir, 'widget', 'app.js'), 'export const app = 1;');
  writeFileSync(
    join(dir, 'widget', 'console', 'index.html'),
    '<!doctype html><html><head><script type="module" src="../../assets/console-abc.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dir, 'assets', 'console-abc.js'), 'export {};');
  return dir;
}
