import { useEffect, useState } from 'preact/hooks';
import type { ReportsApi } from './reports-api.ts';

/** Admins: the Monday summary email to every admin, on or off (off until someone opts in). */
export function WeeklyEmail({ api }: { api: ReportsApi }) {
  const [on, setOn] = useState<boolean | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    api.settings().then(
      (s) => setOn(s.weeklyEmail),
      () => {},
    );
  }, [api]);
  if (on === null) return null;
  return (
    <div class="report-weekly">
      <label>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            const weeklyEmail = e.currentTarget.checked;
            setOn(weeklyEmail);
            api.saveSettings({ weeklyEmail }).then(
              (s) =>
                setSaved(s.weeklyEmail ? 'Admins will get the summary on Mondays.' : 'Weekly email off.'),
              () => {
                setOn(!weeklyEmail);
                setSaved('Not saved; try again.');
              },
            );
          }}
        />{' '}
        Email the last week's numbers to every admin on Monday mornings
      </label>
      <span class="muted" role="status">
        {saved}
      </span>
    </div>
  );
}
