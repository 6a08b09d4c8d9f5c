import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { Clock } from '../../lib/clock.ts';
import { ErrorCode } from '../../protocol/errors.ts';
import type { Store } from '../../storage/store.ts';
import { checkImage, type ImageLimits } from '../attachments/images.ts';
import { IMAGE_TYPES, sniffType } from '../attachments/sniff.ts';
import { DomainError } from '../errors.ts';

/** Largest upload accepted (the stored picture is far smaller: a 160 px WebP square). */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_SIDE = 160;
const LIMITS: ImageLimits = { maxPixels: 25_000_000, maxSide: 8000 };

interface StoredAvatar {
  /** Base64 WebP. */
  data: string;
  /** Changes with the picture: part of its URL, so caches never show an old face. */
  version: string;
}

const keyOf = (agentId: string) => `avatar:${agentId}`;

/**
 * Agents' pictures. An upload is sniffed by its bytes (PNG, JPEG, GIF, WebP only), checked against
 * decompression bombs by the attachments' image check, then decoded once, cropped to a square (metadata such
 * as GPS dropped) and stored small in the database (every node serves it; backups carry it). Versions are cached
 * briefly in memory so the widget's team line costs no extra reads.
 */
export class Avatars {
  private readonly cache = new Map<string, { version: string | null; at: number }>();

  constructor(private readonly deps: { store: Store; clock: Clock; cacheMs?: number }) {}

  async set(agentId: string, bytes: Uint8Array): Promise<string> {
    if (bytes.byteLength > AVATAR_MAX_BYTES)
      throw new DomainError(ErrorCode.payloadTooLarge, 'A picture may be at most 2 MB');
    const type = await sniffType(bytes);
    if (!type || !IMAGE_TYPES.has(type))
      throw new DomainError(ErrorCode.fileTypeNotAllowed, 'Choose a PNG, JPEG, GIF or WebP picture');
    // Checked against decompression bombs, then decoded once: the small WebP carries no metadata (GPS and all).
    await checkImage(bytes, type, LIMITS);
    let small: Buffer;
    try {
      small = await sharp(bytes, { limitInputPixels: LIMITS.maxPixels })
        .rotate()
        .resize(AVATAR_SIDE, AVATAR_SIDE, { fit: 'cover', position: 'attention' })
        .webp({ quality: 82 })
        .toBuffer();
    } catch {
      throw new DomainError(ErrorCode.fileTypeNotAllowed, 'This image could not be read');
    }
    const version = createHash('sha256').update(small).digest('hex').slice(0, 16);
    const now = this.deps.clock.now();
    await this.deps.store.settings.put(
      keyOf(agentId),
      { data: small.toString('base64'), version } satisfies StoredAvatar,
      now.toISOString(),
    );
    this.cache.set(agentId, { version, at: now.getTime() });
    return version;
  }

  async remove(agentId: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.store.settings.put(keyOf(agentId), null, now.toISOString());
    this.cache.set(agentId, { version: null, at: now.getTime() });
  }

  /** The picture's bytes and version, or undefined when the agent has none. */
  async get(agentId: string): Promise<{ bytes: Buffer; version: string } | undefined> {
    const stored = (await this.deps.store.settings.get(keyOf(agentId))) as StoredAvatar | null | undefined;
    if (!stored?.data) return undefined;
    return { bytes: Buffer.from(stored.data, 'base64'), version: stored.version };
  }

  /** The picture's current version (null: initials), cached for a few seconds. */
  async version(agentId: string): Promise<string | null> {
    const now = this.deps.clock.now().getTime();
    const hit = this.cache.get(agentId);
    if (hit && now - hit.at < (this.deps.cacheMs ?? 5000)) return hit.version;
    const version = (await this.get(agentId))?.version ?? null;
    this.cache.set(agentId, { version, at: now });
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value as string);
    return version;
  }

  /** The picture's path under the server, or null when the agent shows initials. */
  async url(agentId: string): Promise<string | null> {
    const v = await this.version(agentId);
    return v ? avatarPath(agentId, v) : null;
  }
}

export const avatarPath = (agentId: string, version: string) =>
  `/api/avatars/${encodeURIComponent(agentId)}/${version}.webp`;
