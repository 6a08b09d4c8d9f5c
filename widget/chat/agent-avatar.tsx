/** Up to two initials of a name: "Grace Hopper" → "GH", "ada" → "A". */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A steady colour per name (the same agent always gets the same one), dark enough for white initials. */
export function avatarColor(name: string): string {
  let h = 0;
  for (const ch of name.trim().toLowerCase()) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 360;
  return `hsl(${h} 45% 38%)`;
}

/** Where pictures are fetched from (the widget's base URL, or the console's own origin). */
let pictureBase = '';
export function setAvatarBase(base: string): void {
  pictureBase = base.replace(/\/$/, '');
}

/** A picture path from the server (`/api/avatars/...`) as a URL the page can load, or null. */
export function avatarUrl(path: string | null | undefined): string | null {
  return path?.startsWith('/api/avatars/') ? `${pictureBase}${path}` : null;
}

/**
 * An agent as a person: their picture when they uploaded one, else initials on their colour (also shown while
 * the picture loads, and if it cannot). Decorative: the name is said next to it.
 */
export function AgentAvatar({
  name,
  size = 'small',
  picture,
}: {
  name: string;
  size?: 'small' | 'large';
  /** The picture's path from the server; absent or null: initials. */
  picture?: string | null | undefined;
}) {
  const src = avatarUrl(picture);
  return (
    <span
      class={`avatar avatar-${size}`}
      aria-hidden="true"
      style={{ background: avatarColor(name), color: '#fff' }}
    >
      {initials(name)}
      {src && (
        <img src={src} alt="" loading="lazy" decoding="async" onError={(e) => e.currentTarget.remove()} />
      )}
    </span>
  );
}
