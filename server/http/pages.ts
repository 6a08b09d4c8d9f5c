import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';
import { isTrustedHost } from '../realtime/origins.ts';
import { DEMO_CSS } from './demo.css.ts';
import { pageHeaders } from './security-headers.ts';

/** The console's own strict policy: nothing inline, nothing from elsewhere. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; " +
  "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** The demo host page: itself, and the widget from Parley (the same origin unless PUBLIC_URL says otherwise). */
function demoCsp(widgetOrigin: string): string {
  const ws = widgetOrigin.replace(/^http/, 'ws');
  // An empty origin: the page and the widget share the page's origin, which 'self' covers.
  return (
    `default-src 'self'; script-src 'self' ${widgetOrigin}; style-src 'self'; img-src 'self' ${widgetOrigin} data:; ` +
    `connect-src 'self' ${widgetOrigin} ${ws}; font-src 'self'; object-src 'none'; base-uri 'none'; ` +
    "form-action 'self'; frame-ancestors 'none'"
  );
}

/** Files under /widget that host pages load: the widget app's top-level scripts, nothing in sub-folders (the console page lives there). */
const WIDGET_FILE = /^\/[A-Za-z0-9_-]+\.js$/;

/** Built browser assets, the console page and the demo host page. */
export function createPagesRouter(opts: { assetsDir: string; publicUrl: string | undefined }): Router {
  const router = Router();
  const { assetsDir } = opts;

  router.get('/widget.js', (_req, res, next) => {
    // Short cache: site owners never change their snippet, so the loader must pick up new releases.
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
    const file = join(assetsDir, 'widget.js');
    if (!existsSync(file)) return next();
    res.sendFile(file);
  });
  const widgetFiles = express.static(join(assetsDir, 'widget'), {
    index: false,
    redirect: false,
    maxAge: 0,
    setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
  });
  router.use('/widget', (req, res, next) =>
    WIDGET_FILE.test(req.path) ? widgetFiles(req, res, next) : next(),
  );
  router.use(
    '/assets',
    express.static(join(assetsDir, 'assets'), { index: false, immutable: true, maxAge: '1y' }),
  );

  router.get('/console', (_req, res) => {
    const file = join(assetsDir, 'widget', 'console', 'index.html');
    pageHeaders(res, CONSOLE_CSP);
    if (!existsSync(file)) {
      res.status(503).type('text/plain').send('The console is not built yet: run `npm run build`.');
      return;
    }
    // Assets are referenced relatively from the page's build folder; serve them from the site root.
    res.type('html').send(readFileSync(file, 'utf8').replaceAll('../../assets/', '/assets/'));
  });

  router.get('/demo.css', (_req, res) => {
    res.type('css').send(DEMO_CSS);
  });
  router.get('/demo', (req, res) => {
    // The Host header is the client's word: written into the page only when no DNS rebinding can forge it.
    const host = req.get('host') ?? '';
    const base = opts.publicUrl
      ? new URL(opts.publicUrl).origin
      : isTrustedHost(host)
        ? `${req.protocol}://${host}`
        : '';
    pageHeaders(res, demoCsp(base));
    res.type('html').send(demoPage(base));
  });
  return router;
}

function demoPage(base: string): string {
  const snippet = `<script async src="${base}/widget.js"></script>`;
  const escaped = snippet.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Goods · Parley demo</title>
<link rel="stylesheet" href="/demo.css">
</head>
<body>
<header><strong>Northwind Goods</strong><nav><a href="/demo">Shop</a> <a href="/demo?page=orders">Orders</a> <a href="/help">Help</a> <a href="/console">Agent console</a></nav></header>
<main>
<h1>This is a sample host page</h1>
<p>Parley's widget is embedded below with one line. Open it with the <strong>Help</strong> button at the bottom right:
search the how-to articles, open one, and choose <strong>Talk to a person</strong> to start a live chat.</p>
<p>Then sign in to the <a href="/console">agent console</a> in another window to answer.</p>
<h2>The snippet</h2>
<pre><code>${escaped}</code></pre>
</main>
${snippet}
</body>
</html>`;
}
