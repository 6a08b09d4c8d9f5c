// Brand colours come from site owners; text on them must stay readable (WCAG AA: 4.5:1).

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** `#abc` / `#aabbcc` normalised to `#aabbcc`, or null: only hex reaches a stylesheet, so no CSS can be injected. */
export function normaliseHex(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (!HEX.test(s)) return null;
  const h = s.slice(1).toLowerCase();
  return `#${h.length === 3 ? h.replace(/./g, '$&$&') : h}`;
}

/** WCAG relative luminance of `#aabbcc` (six digits: normalise first). */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  const [r, g, b] = [n >> 16, (n >> 8) & 255, n & 255].map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two `#aabbcc` colours. */
export function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

// White beats black exactly when (L + 0.05)^2 <= 1.05 * 0.05, i.e. L <= 0.179; whichever wins reaches >= 4.58:1.
// White text reaches 4.5:1 when L <= 1.05 / 4.5 - 0.05 = 0.1833. Thresholds, not ratios, keep the loader small.

export interface Theme {
  brand: string;
  /** White or black, whichever reads better on the brand colour. */
  onBrand: string;
  /** Brand colour for text and focus rings on white; a dark ink when the brand is too light for that. */
  accent: string;
}

export const DEFAULT_BRAND = '#2f5bea';

export function themeFor(color: unknown): Theme {
  const brand = normaliseHex(color) ?? DEFAULT_BRAND;
  const l = luminance(brand);
  return {
    brand,
    onBrand: l <= 0.179 ? '#ffffff' : '#000000',
    accent: l <= 0.1833 ? brand : '#1f2937',
  };
}
