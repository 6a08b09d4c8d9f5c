import type { Page } from '@playwright/test';
import { freePort, type ParleyProcess, removeDir, startHostSite, startParley } from './servers.ts';

type Pages = Parameters<typeof startHostSite>[1];

/** Parley as a real process plus a customer site on another origin (localhost vs 127.0.0.1). */
export async function startWidgetSite(pages: Pages = {}) {
  const hostPort = await freePort();
  const parley = await startParley({ allowedOrigins: [`http://localhost:${hostPort}`] });
  const host = await startHostSite(parley.url, pages, hostPort);
  const site = {
    /** Replaced by a test that restarts the server; `stop` ends whichever is current. */
    parley,
    host,
    hostPort,
    async stop() {
      const p = site.parley;
      // A process killed by a signal has exitCode null but has exited: do not wait for it again.
      if (p.child.exitCode === null && p.child.signalCode === null) await p.stop();
      host.server.close();
      removeDir(p.dataDir);
    },
  };
  return site;
}

export type WidgetSite = Awaited<ReturnType<typeof startWidgetSite>>;
export type { ParleyProcess };

/** Opens the panel, goes to the chat and sends a first message (an agent must be online for the composer). */
export async function startChat(page: Page, text: string) {
  await page.getByRole('button', { name: 'Open help' }).click();
  await page.getByRole('button', { name: 'Talk to a person' }).click();
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  return box;
}

/** A host page embedding Parley with extra markup in <head> and data-* on the tag. */
export function hostPage(opts: { head?: string; attrs?: string; body?: string } = {}) {
  return (
    parley: string,
  ) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Northwind Goods</title>${opts.head ?? ''}</head>
<body><main><h1>Northwind Goods</h1><p>Welcome to the shop.</p>${opts.body ?? ''}</main>
<script async src="${parley}/widget.js" ${opts.attrs ?? ''}></script></body></html>`;
}
