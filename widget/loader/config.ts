import type { Position, WidgetConfig } from './contract.ts';

export const DEFAULTS: WidgetConfig = {
  color: '#2f5bea',
  position: 'right',
  // Empty: the launcher speaks the visitor's language (loader/labels.ts) unless the site sets a label.
  launcherLabel: '',
  // Empty: the app greets in the visitor's language unless the site sets a greeting.
  greeting: '',
  locale: 'en',
  open: false,
  debug: false,
};

type Source = Record<string, unknown>;

const flag = (v: unknown) => (v == null ? undefined : v !== 'false' && v !== '0');
const position = (v: unknown): Position | undefined => (v === 'left' || v === 'right' ? v : undefined);
const text = (v: unknown, max = 200) =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined;

/** Only what the tag's data-* attributes set (e.g. `data-launcher-label` -> `launcherLabel`). */
export function fromDataset(d: Source): Partial<WidgetConfig> {
  // The JSON round trip drops the undefined fields, so they cannot override lower layers in resolveConfig.
  return JSON.parse(
    JSON.stringify({
      color: text(d.color, 20),
      position: position(d.position),
      launcherLabel: text(d.launcherLabel, 40),
      greeting: text(d.greeting),
      locale: text(d.locale, 35),
      open: flag(d.open),
      debug: flag(d.debug),
    }),
  );
}

/** Server settings (any JSON) reduced to the fields it may set. */
export function fromSettings(s: unknown): Partial<WidgetConfig> {
  // The locale is the visitor's, and opening or debugging is the embedding page's call.
  return fromDataset({ ...(s as Source), locale: undefined, open: undefined, debug: undefined });
}

/** data-* win over server settings, which win over defaults. */
export function resolveConfig(
  data: Partial<WidgetConfig>,
  settings: Partial<WidgetConfig> = {},
  fallbackLocale?: string,
): WidgetConfig {
  return { ...DEFAULTS, locale: fallbackLocale || DEFAULTS.locale, ...settings, ...data };
}

/** `https://x.test/parley/widget.js?v=2` -> `https://x.test/parley/`. */
export function baseFromSrc(src: string): string {
  const u = new URL(src);
  return u.origin + u.pathname.replace(/[^/]*$/, '');
}
