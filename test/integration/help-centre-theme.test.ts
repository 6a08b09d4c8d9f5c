import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, settingsSchema } from '../../server/domain/settings.ts';
import { startKbServer } from '../support/kb-server.ts';

/** The help centre takes its name, logo and colour from the widget settings. */
describe('help centre theme', () => {
  let server: Awaited<ReturnType<typeof startKbServer>>;

  beforeAll(async () => {
    server = await startKbServer(
      { 'orders/track.md': '---\ntitle: Track an order\n---\nUse the link.\n' },
      { app: { publicUrl: 'https://help.example.com' } },
    );
  });
  afterAll(async () => {
    await server.close();
  });

  const page = async (path: string, headers: Record<string, string> = {}) =>
    (await fetch(`${server.url}${path}`, { headers })).text();

  it('names itself "Help centre" in the visitor’s language until a name is set, then uses it with the logo', async () => {
    expect(await page('/help')).toContain('<title>Help centre</title>');
    expect(await page('/help', { 'accept-language': 'de' })).toContain('<title>Hilfe-Center</title>');
    await server.services.settings.update({
      ...DEFAULT_SETTINGS,
      widget: {
        ...DEFAULT_SETTINGS.widget,
        color: '#0a7d4f',
        siteName: 'Northwind Help',
        logoUrl: 'https://cdn.example.com/logo.svg',
      },
    });
    const home = await page('/help');
    expect(home).toContain('<title>Northwind Help</title>');
    expect(home).toContain('<meta property="og:site_name" content="Northwind Help">');
    expect(home).toContain(
      '<header class="top"><div><img src="https://cdn.example.com/logo.svg" alt=""><a href="/help">Northwind Help</a>',
    );
    expect(await page('/kb/orders/track')).toContain('<title>Track an order · Northwind Help</title>');
    expect(await page('/help/theme.css')).toContain('--accent:#0a7d4f');
  });

  it('accepts a logo only from https or from Parley itself, and keeps settings saved before these fields', () => {
    const withLogo = (logoUrl: string) =>
      settingsSchema.safeParse({ ...DEFAULT_SETTINGS, widget: { ...DEFAULT_SETTINGS.widget, logoUrl } })
        .success;
    expect(withLogo('https://cdn.example.com/logo.png')).toBe(true);
    expect(withLogo('/api/kb/assets/logo.png')).toBe(true);
    expect(withLogo('')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'http://cdn.example.com/x.png',
      '//evil.test/x.png',
      'https://x/"><b>',
    ])
      expect(withLogo(bad), bad).toBe(false);
    const { siteName: _n, logoUrl: _l, ...older } = DEFAULT_SETTINGS.widget;
    const parsed = settingsSchema.parse({ ...DEFAULT_SETTINGS, widget: older });
    expect(parsed.widget).toMatchObject({ siteName: '', logoUrl: '' });
  });
});
