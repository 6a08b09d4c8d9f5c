import { initials } from '../../chat/agent-avatar.tsx';

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
      {initials(name)}
      {picture && <img src={picture} alt="" onError={(e) => e.currentTarget.remove()} />}
    </span>
  );
}
