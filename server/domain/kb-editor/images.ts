import { slugifySegment } from '../knowledge-base/slug.ts';

/** Largest image an editor may upload: screenshots fit, a stray video does not. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
/** The folder, at the knowledge base's root, that uploaded images go into. */
export const IMAGE_FOLDER = 'images';

const SIGNATURES: Array<{ ext: string; matches: (b: Buffer) => boolean }> = [
  { ext: 'png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])) },
  { ext: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', matches: (b) => /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1')) },
  {
    ext: 'webp',
    matches: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/**
 * The image's real type from its first bytes (never from its name or the browser's word): png, jpg, gif or
 * webp. SVG is refused: it can carry script.
 */
export function sniffImage(bytes: Buffer): string | undefined {
  return SIGNATURES.find((s) => s.matches(bytes))?.ext;
}

/** A file name that is safe on every disk and in a URL: `Screen Shot 1.PNG` -> `screen-shot-1.png`. */
export function safeImageName(original: string, ext: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const stem = slugifySegment(base.replace(/\.[^.]*$/, ''))
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${stem || 'image'}.${ext}`;
}

/** `![alt](/images/name.png)`: a root-relative path, which works from an article in any folder. */
export function imageMarkdown(relPath: string, alt: string): string {
  const cleanAlt = alt.replace(/[[\]\\\r\n]/g, ' ').trim() || 'Image';
  return `![${cleanAlt}](/${relPath})`;
}
