import sharp, { type Metadata } from 'sharp';
import { ErrorCode } from '../../protocol/errors.ts';
import { DomainError } from '../errors.ts';

export interface ImageLimits {
  /** Largest width × height (× frames) decoded; beyond it the image is refused unread (a decompression bomb). */
  maxPixels: number;
  /** Largest width or height. */
  maxSide: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxPixels: 40_000_000, maxSide: 12_000 };

const isAnimatable = (type: string) => type === 'image/gif' || type === 'image/webp';

/**
 * An image's dimensions, read from its header and checked against `limits` before any pixel is decoded
 * (a decompression bomb is refused unread).
 */
export async function checkImage(
  bytes: Uint8Array,
  type: string,
  limits: ImageLimits,
): Promise<{ width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, animated: isAnimatable(type) }).metadata();
  } catch {
    throw new DomainError(ErrorCode.fileTypeNotAllowed, 'This image could not be read');
  }
  const width = meta.width ?? 0;
  const height = meta.pageHeight ?? meta.height ?? 0;
  const frames = meta.pages ?? 1;
  if (width > limits.maxSide || height > limits.maxSide || width * height * frames > limits.maxPixels) {
    throw new DomainError(
      ErrorCode.payloadTooLarge,
      `This image is too large (${width}×${height}); the most is ${limits.maxSide} pixels a side`,
    );
  }
  return { width, height };
}

/**
 * Re-encodes an image in its own format with sharp (libvips, shipped inside its npm package): every bit of
 * metadata (EXIF with its GPS location, XMP, comments) is dropped, the EXIF orientation applied first.
 * Dimensions are read from the header and checked before any pixel is decoded.
 */
export async function reencodeImage(
  bytes: Uint8Array,
  type: string,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): Promise<{ bytes: Buffer; width: number; height: number }> {
  const { width, height } = await checkImage(bytes, type, limits);
  const animated = isAnimatable(type);
  const img = sharp(bytes, { limitInputPixels: limits.maxPixels, animated }).rotate();
  const out =
    type === 'image/png'
      ? img.png()
      : type === 'image/jpeg'
        ? img.jpeg({ quality: 88 })
        : type === 'image/gif'
          ? img.gif()
          : img.webp({ quality: 88 });
  try {
    return { bytes: await out.toBuffer(), width, height };
  } catch {
    throw new DomainError(ErrorCode.fileTypeNotAllowed, 'This image could not be read');
  }
}
