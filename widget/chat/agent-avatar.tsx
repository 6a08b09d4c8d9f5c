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

/** An agent as a person: initials on their colour. Decorative: the name is said next to it. */
export function AgentAvatar({ name, size = 'small' }: { name: string; size?: 'small' | 'large' }) {
  return (
    <span
      class={`avatar avatar-${size}`}
      aria-hidden="true"
      style={{ background: avatarColor(name), color: '#fff' }}
    >
      {initials(name)}
    </span>
  );
}
