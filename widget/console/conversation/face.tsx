/** Up to two initials: "Grace Hopper" → "GH". */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    (parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

/** One of eight colour classes per name (no inline styles under the console's CSP): the same person, the same colour. */
export function toneOf(name: string): string {
  let h = 0;
  for (const ch of name.trim().toLowerCase()) h = (h * 31 + (ch.codePointAt(0) ?? 0)) % 8;
  return `tone-${h}`;
}

/** A face: the picture when there is one, else initials on the person's colour. Decorative (the name is beside it). */
export function Face({ name, picture }: { name: string; picture?: string | null | undefined }) {
  return (
    <span class={`face ${toneOf(name)}`} aria-hidden="true">
      {initialsOf(name)}
      {picture && <img src={picture} alt="" onError={(e) => e.currentTarget.remove()} />}
    </span>
  );
}
