import { useDeps } from './deps.ts';
import { TalkButton } from './TalkButton.tsx';

/** Says plainly that nothing matched, and offers the person right there. */
export function NoResults({ query }: { query: string }) {
  const { t } = useDeps();
  return (
    <div class="notice">
      <p class="notice-title">{t.noResults(query)}</p>
      <p>{t.noResultsHint}</p>
      <TalkButton label={t.askPerson} variant="primary" />
    </div>
  );
}
