import { fileTypeFromBuffer } from 'file-type';

/** The types Parley accepts, decided by content (magic bytes), never by the name or the browser's claim. */
export const ALLOWED_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

export const IMAGE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);

/** Markup a browser could run or render as a page: never accepted as "plain text". */
const MARKUP =
  /<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)|<[a-z][^>]*\son[a-z]+\s*=/i;

/**
 * The file's type by its bytes, or undefined when it is not on the allow-list. Plain text must be valid
 * UTF-8 without NUL bytes or markup (an SVG, an HTML page renamed .txt or .png is refused).
 */
export async function sniffType(bytes: Uint8Array): Promise<AllowedType | undefined> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    return (ALLOWED_TYPES as readonly string[]).includes(found.mime)
      ? (found.mime as AllowedType)
      : undefined;
  }
  if (bytes.byteLength === 0 || bytes.includes(0)) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return MARKUP.test(text) ? undefined : 'text/plain';
}
