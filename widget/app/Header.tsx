import { useDeps } from './deps.ts';

interface Props {
  title: string;
  onBack?: () => void;
  onClose: () => void;
}

export function Header({ title, onBack, onClose }: Props) {
  const { t } = useDeps();
  return (
    <header class="header">
      {onBack && (
        <button type="button" class="icon-btn" onClick={onBack} aria-label={t.back}>
          <svg viewBox="0 0 24 24" aria-hidden="true">
            <path d="M15 18l-6-6 6-6" />
          </svg>
        </button>
      )}
      <h2 class="header-title" id="parley-title">
        {title}
      </h2>
      <button type="button" class="icon-btn" onClick={onClose} aria-label={t.close}>
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M6 6l12 12M18 6L6 18" />
        </svg>
      </button>
    </header>
  );
}
