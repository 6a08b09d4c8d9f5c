import { useDeps } from './deps.ts';

/** The one-step way to a person, offered on every screen. */
export function TalkButton({
  label,
  variant = 'secondary',
}: {
  label?: string;
  variant?: 'primary' | 'secondary';
}) {
  const { t, shell } = useDeps();
  return (
    <button type="button" class={`btn btn-${variant}`} onClick={() => shell.set({ view: 'chat' })}>
      {label ?? t.talk}
    </button>
  );
}
