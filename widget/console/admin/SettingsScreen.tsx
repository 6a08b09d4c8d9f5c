import type { TargetedSubmitEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { WorkspaceSettings } from '../api.ts';
import { useDeps } from '../deps.ts';
import { browserTimeZone, DAYS, type DayHours, fromDays, toDays } from './hours.ts';
import { useRequest } from './use-request.ts';

interface Props {
  onExpired: () => void;
  onSaved?: (s: WorkspaceSettings) => void;
}

/** Widget defaults, routing and business hours for the whole workspace (admins). */
export function SettingsScreen({ onExpired, onSaved }: Props) {
  const { api } = useDeps();
  const { busy, error, run } = useRequest(onExpired);
  const [s, setS] = useState<WorkspaceSettings | null>(null);
  const [hoursOn, setHoursOn] = useState(false);
  const [timeZone, setTimeZone] = useState(browserTimeZone());
  const [days, setDays] = useState<DayHours[]>(toDays(null));
  const [saved, setSaved] = useState('');

  useEffect(() => {
    void run(api.settings).then((loaded) => {
      if (!loaded) return;
      setS(loaded);
      setHoursOn(Boolean(loaded.businessHours));
      if (loaded.businessHours) setTimeZone(loaded.businessHours.timeZone);
      setDays(toDays(loaded.businessHours));
    });
  }, [api, run]);

  if (!s) {
    return (
      <section class="screen">
        {error ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : (
          <p class="muted">Loading…</p>
        )}
      </section>
    );
  }

  const widget = (patch: Partial<WorkspaceSettings['widget']>) =>
    setS({ ...s, widget: { ...s.widget, ...patch } });
  const routing = (patch: Partial<WorkspaceSettings['routing']>) =>
    setS({ ...s, routing: { ...s.routing, ...patch } });
  const day = (i: number, patch: Partial<DayHours>) =>
    setDays((all) => all.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  const submit = async (e: TargetedSubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setSaved('');
    const next = { ...s, businessHours: fromDays(hoursOn, timeZone.trim(), days) };
    const stored = await run(() => api.saveSettings(next));
    if (!stored) return;
    setS(stored);
    setSaved('Settings saved. The widget picks them up within a minute.');
    onSaved?.(stored);
  };

  return (
    <section class="screen" aria-labelledby="settings-title">
      <header class="screen-head">
        <h1 id="settings-title">Widget &amp; routing</h1>
        <p class="muted">
          Defaults for every site that embeds the widget. A site can still override them with data-*
          attributes.
        </p>
      </header>
      <form class="settings-form" onSubmit={submit}>
        <fieldset class="card fieldset">
          <legend>Widget</legend>
          <label class="field">
            <span>Greeting</span>
            <textarea
              rows={2}
              maxLength={200}
              placeholder="Empty: “Hi! Search our help articles, or talk to a person.” in the visitor’s language"
              value={s.widget.greeting}
              onInput={(e) => widget({ greeting: e.currentTarget.value })}
            />
          </label>
          <label class="field">
            <span>First message in a chat</span>
            <textarea
              rows={2}
              maxLength={300}
              placeholder="Empty: none. Said from the team as each chat starts, e.g. “Hi! Tell us what happened and we’ll sort it out.”"
              value={s.widget.chatGreeting ?? ''}
              onInput={(e) => widget({ chatGreeting: e.currentTarget.value })}
            />
          </label>
          <div class="field-row">
            <label class="field">
              <span>Launcher label</span>
              <input
                maxLength={40}
                placeholder="Empty: “Help” in the visitor’s language"
                value={s.widget.launcherLabel}
                onInput={(e) => widget({ launcherLabel: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span>Colour</span>
              <span class="color-field">
                <input
                  type="color"
                  aria-label="Colour picker"
                  value={s.widget.color}
                  onInput={(e) => widget({ color: e.currentTarget.value })}
                />
                <input
                  class="mono"
                  pattern="#[0-9a-fA-F]{6}"
                  maxLength={7}
                  aria-label="Colour (hex)"
                  value={s.widget.color}
                  onInput={(e) => widget({ color: e.currentTarget.value })}
                />
              </span>
            </label>
            <label class="field">
              <span>Position</span>
              <select
                value={s.widget.position}
                onChange={(e) => widget({ position: e.currentTarget.value as 'left' | 'right' })}
              >
                <option value="right">Bottom right</option>
                <option value="left">Bottom left</option>
              </select>
            </label>
          </div>
          <div class="field-row">
            <label class="field">
              <span>Help centre name</span>
              <input
                maxLength={60}
                placeholder="Empty: “Help centre” in the visitor’s language"
                value={s.widget.siteName ?? ''}
                onInput={(e) => widget({ siteName: e.currentTarget.value })}
              />
            </label>
            <label class="field">
              <span>Help centre logo</span>
              <input
                inputMode="url"
                maxLength={500}
                placeholder="https://… (empty: none)"
                value={s.widget.logoUrl ?? ''}
                onInput={(e) => widget({ logoUrl: e.currentTarget.value })}
              />
            </label>
          </div>
        </fieldset>

        <fieldset class="card fieldset">
          <legend>Routing</legend>
          <div class="radio-group" role="radiogroup" aria-label="Routing mode">
            <label class="check">
              <input
                type="radio"
                name="mode"
                checked={s.routing.mode === 'pick'}
                onChange={() => routing({ mode: 'pick' })}
              />
              <span>
                <strong>Agents pick</strong> <span class="muted">from the waiting queue</span>
              </span>
            </label>
            <label class="check">
              <input
                type="radio"
                name="mode"
                checked={s.routing.mode === 'auto'}
                onChange={() => routing({ mode: 'auto' })}
              />
              <span>
                <strong>Automatic</strong>{' '}
                <span class="muted">the least busy online agent gets the next visitor</span>
              </span>
            </label>
          </div>
          <div class="field-row">
            <div class="field">
              <label for="queue-limit">Queue limit</label>
              <input
                id="queue-limit"
                aria-describedby="queue-limit-hint"
                type="number"
                min={1}
                max={10000}
                required
                value={s.routing.queueLimit}
                onInput={(e) => routing({ queueLimit: Number(e.currentTarget.value) })}
              />
              <small id="queue-limit-hint" class="muted">
                Beyond this, visitors leave a message and an email.
              </small>
            </div>
            <div class="field">
              <label for="wait-target">Wait target (seconds)</label>
              <input
                id="wait-target"
                aria-describedby="wait-target-hint"
                type="number"
                min={10}
                max={86400}
                required
                value={s.routing.waitTargetSeconds}
                onInput={(e) => routing({ waitTargetSeconds: Number(e.currentTarget.value) })}
              />
              <small id="wait-target-hint" class="muted">
                Longer waits turn amber in the inbox, red at twice this.
              </small>
            </div>
          </div>
        </fieldset>

        <fieldset class="card fieldset">
          <legend>Business hours</legend>
          <label class="check">
            <input type="checkbox" checked={hoursOn} onChange={(e) => setHoursOn(e.currentTarget.checked)} />
            Offer live chat only during business hours
          </label>
          {hoursOn && (
            <>
              <label class="field field-narrow">
                <span>Time zone</span>
                <input
                  required
                  maxLength={64}
                  value={timeZone}
                  onInput={(e) => setTimeZone(e.currentTarget.value)}
                />
              </label>
              <table class="table hours">
                <caption class="visually-hidden">Opening hours per day</caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Open</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((d, i) => (
                    <tr key={DAYS[i]}>
                      <th scope="row">{DAYS[i]}</th>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`Open on ${DAYS[i]}`}
                          checked={d.open}
                          onChange={(e) => day(i, { open: e.currentTarget.checked })}
                        />
                      </td>
                      <td>
                        <input
                          type="time"
                          aria-label={`${DAYS[i]} from`}
                          disabled={!d.open}
                          value={d.from}
                          onInput={(e) => day(i, { from: e.currentTarget.value })}
                        />
                      </td>
                      <td>
                        <input
                          type="time"
                          aria-label={`${DAYS[i]} to`}
                          disabled={!d.open}
                          value={d.to}
                          onInput={(e) => day(i, { to: e.currentTarget.value })}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </fieldset>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <div class="form-bar form-bar-sticky">
          <p role="status" class="saved-note">
            {saved}
          </p>
          {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page. */}
          <button type="submit" class="btn btn-primary" aria-disabled={busy}>
            Save settings
          </button>
        </div>
      </form>
    </section>
  );
}
