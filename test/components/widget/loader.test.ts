import { getByRole } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadMessages } from '../../../widget/app/i18n/index.ts';
import { appendEntry } from '../../../widget/app/trail.ts';
import { createCommands, drainQueue } from '../../../widget/loader/commands.ts';
import {
  baseFromSrc,
  DEFAULTS,
  fromDataset,
  fromSettings,
  resolveConfig,
} from '../../../widget/loader/config.ts';
import type { WidgetApp } from '../../../widget/loader/contract.ts';
import { labelsFor } from '../../../widget/loader/labels.ts';
import { createLauncher } from '../../../widget/loader/launcher.ts';
import { contrast, themeFor } from '../../../widget/ui/color.ts';
import { LANGUAGES } from '../../../widget/ui/language.ts';

describe('loader config', () => {
  it('reads the data-* attributes of its own tag', () => {
    const el = document.createElement('script');
    el.setAttribute('data-color', '#ff6600');
    el.setAttribute('data-position', 'left');
    el.setAttribute('data-launcher-label', 'Support');
    el.setAttribute('data-open', '');
    el.setAttribute('data-debug', 'false');
    expect(fromDataset(el.dataset)).toEqual({
      color: '#ff6600',
      position: 'left',
      launcherLabel: 'Support',
      open: true,
      debug: false,
    });
  });

  it('ignores values it does not understand', () => {
    expect(fromDataset({ position: 'top', color: '  ' })).toEqual({});
  });

  it('lets data-* win over server settings, and settings over defaults', () => {
    const config = resolveConfig(
      fromDataset({ color: '#000000' }),
      fromSettings({ color: '#ffffff', greeting: 'Hello there', position: 'left', debug: true }),
      'de-DE',
    );
    expect(config).toEqual({
      ...DEFAULTS,
      color: '#000000',
      greeting: 'Hello there',
      position: 'left',
      locale: 'de-DE',
    });
  });

  it('tolerates missing or broken settings', () => {
    expect(fromSettings(null)).toEqual({});
    expect(fromSettings('nope')).toEqual({});
  });

  it('finds Parley base from its own script src', () => {
    expect(baseFromSrc('https://help.example.com/widget.js')).toBe('https://help.example.com/');
    expect(baseFromSrc('https://x.test/parley/widget.js?v=2')).toBe('https://x.test/parley/');
  });
});

describe('launcher language', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('parley-widget')) el.remove();
  });
  const launcherFor = (data: Record<string, string>, browserLanguage = 'en-US') => {
    const launcher = createLauncher();
    launcher.apply(resolveConfig(fromDataset(data), {}, browserLanguage));
    const wrap = launcher.root.querySelector<HTMLElement>('.parley')!;
    return { launcher, wrap, text: () => launcher.root.querySelector('.label')?.textContent };
  };

  it.each([
    [{ locale: 'es-MX' }, 'en-US', 'es', 'Abrir ayuda', 'Ayuda'],
    [{ locale: 'ar' }, 'en-US', 'ar', 'فتح المساعدة', 'المساعدة'],
    [{}, 'de-AT', 'de', 'Hilfe öffnen', 'Hilfe'],
    [{}, 'pt-BR', 'en', 'Open help', 'Help'],
    [{ locale: 'he' }, 'de-DE', 'en', 'Open help', 'Help'],
  ])(
    'speaks the visitor language before the app loads: %o on a %s browser',
    (data, browser, lang, name, text) => {
      const { wrap, text: shown } = launcherFor(data, browser);
      expect(getByRole(wrap, 'button', { name })).toBeTruthy();
      expect(shown()).toBe(text);
      expect(wrap.lang).toBe(lang);
    },
  );

  it('shows the site’s own launcher label, still named in the visitor’s language', () => {
    const { wrap, text } = launcherFor({ locale: 'de', launcherLabel: 'Fragen?' });
    expect(text()).toBe('Fragen?');
    expect(getByRole(wrap, 'button', { name: 'Hilfe öffnen' })).toBeTruthy();
  });

  it('describes unread replies with the words it is given and shows the count on the badge', () => {
    const { launcher, wrap } = launcherFor({ locale: 'es' });
    launcher.setUnread(2, '2 mensajes sin leer');
    const button = getByRole(wrap, 'button', { name: 'Abrir ayuda', description: '2 mensajes sin leer' });
    expect(button.querySelector('.badge')?.textContent).toBe('2');
    launcher.setUnread(12, '12 mensajes sin leer');
    expect(button.querySelector('.badge')?.textContent).toBe('9+');
    launcher.setUnread(0, '');
    expect(getByRole(wrap, 'button', { name: 'Abrir ayuda', description: '' })).toBeTruthy();
    expect(button.querySelector<HTMLElement>('.badge')?.hidden).toBe(true);
  });

  it.each(LANGUAGES)('uses the app’s own word for help in %s', async (lang) => {
    expect(labelsFor(lang)[1]).toBe((await loadMessages(lang)).title);
  });
});

describe('command queue', () => {
  const fakeApp = (): WidgetApp => ({
    open: vi.fn(),
    close: vi.fn(),
    toggle: vi.fn(),
    search: vi.fn(),
    identify: vi.fn(),
  });

  const target = (app: WidgetApp, mounted = true) => ({
    withApp: (fn: (a: WidgetApp) => void) => fn(app),
    ifApp: (fn: (a: WidgetApp) => void) => mounted && fn(app),
    identify: vi.fn(),
    log: vi.fn(),
  });

  it('runs the calls queued before load, in order', () => {
    const app = fakeApp();
    const t = target(app);
    const commands = createCommands(t);
    const ready = vi.fn();
    // What the snippet's stub collects: `arguments` objects.
    const q = [
      (function (..._a: unknown[]) {
        // biome-ignore lint/complexity/noArguments: the snippet queues `arguments`
        return arguments;
      })('on', 'ready', ready),
      ['identify', { name: 'Ada', email: 'ada@example.com' }],
      ['search', 'refund'],
    ];
    drainQueue(q, commands.run);
    commands.emit('ready', undefined);
    expect(ready).toHaveBeenCalledOnce();
    expect(t.identify).toHaveBeenCalledWith({ name: 'Ada', email: 'ada@example.com' });
    expect(app.search).toHaveBeenCalledWith('refund');
  });

  it('never throws on unknown commands, bad arguments or failing listeners', () => {
    const t = target(fakeApp());
    const commands = createCommands(t);
    expect(() => {
      commands.run('explode', []);
      commands.run('constructor', []);
      commands.run(42, []);
      commands.run('on', ['open', 'not a function']);
      commands.run('on', [
        'open',
        () => {
          throw new Error('host bug');
        },
      ]);
      commands.emit('open', undefined);
      drainQueue('garbage', commands.run);
    }).not.toThrow();
    expect(t.log).toHaveBeenCalled();
  });

  it('calls a ready listener added after ready at once, and stops calling a removed one', () => {
    const commands = createCommands(target(fakeApp()));
    commands.emit('ready', undefined);
    const late = vi.fn();
    commands.run('on', ['ready', late]);
    expect(late).toHaveBeenCalledOnce();
    const onOpen = vi.fn();
    commands.run('on', ['open', onOpen]);
    commands.run('off', ['open', onOpen]);
    commands.emit('open', undefined);
    expect(onOpen).not.toHaveBeenCalled();
  });

  it('does not load the app just to close it', () => {
    const app = fakeApp();
    const commands = createCommands(target(app, false));
    commands.run('close', []);
    expect(app.close).not.toHaveBeenCalled();
  });
});

describe('brand colour', () => {
  it.each(['#ffeb3b', '#2f5bea', '#777777', '#808080', '#00ff00', '#000000', '#fff', '#e91e63'])(
    'keeps text on %s readable (>= 4.5:1)',
    (color) => {
      const t = themeFor(color);
      expect(contrast(t.brand, t.onBrand)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(t.accent, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('refuses anything but a hex colour (no CSS injection)', () => {
    expect(themeFor('red;}*{display:none').brand).toBe('#2f5bea');
  });
});

describe('trail', () => {
  it('folds a search that is still being typed into one entry', () => {
    const at = '2025-01-01T00:00:00.000Z';
    let trail = appendEntry([], { kind: 'search', query: 'ref', resultCount: 3, at });
    trail = appendEntry(trail, { kind: 'search', query: 'refund', resultCount: 1, at });
    trail = appendEntry(trail, { kind: 'article', slug: 'refunds', title: 'Refunds', at });
    trail = appendEntry(trail, { kind: 'search', query: 'return', resultCount: 0, at });
    expect(trail.map((e) => (e.kind === 'search' ? e.query : e.kind))).toEqual([
      'refund',
      'article',
      'return',
    ]);
  });
});
