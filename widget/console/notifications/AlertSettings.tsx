import { useState } from 'preact/hooks';
import type { Preferences } from '../api.ts';
import { Dialog } from '../Dialog.tsx';
import { askNotificationPermission, notificationPermission, type Permission } from './alerts.ts';

interface Props {
  prefs: Preferences;
  onChange: (p: Preferences) => void;
  onClose: () => void;
  /** Plays the beep, so the agent hears what it sounds like (and the browser unlocks audio). */
  onTestSound: () => void;
  error?: string | null;
  /** Where the emails go (the agent's own address). */
  email?: string;
}

const permissionText: Record<Permission, string> = {
  granted: 'Desktop notifications are allowed in this browser.',
  denied: 'This browser blocks Parley’s notifications. Allow them in the site settings (the lock icon).',
  default: 'This browser has not been asked yet.',
  unsupported: 'This browser cannot show desktop notifications.',
};

/** Per-agent alerts: sound and desktop notification for new waiting visitors and new messages in my chats. */
export function AlertSettings({ prefs, onChange, onClose, onTestSound, error = null, email }: Props) {
  const [permission, setPermission] = useState<Permission>(notificationPermission);
  const toggle = (key: keyof Preferences) => (e: { currentTarget: HTMLInputElement }) =>
    onChange({ ...prefs, [key]: e.currentTarget.checked });
  return (
    <Dialog title="Notifications" onClose={onClose}>
      <p class="muted">Saved to your account, so they follow you to any computer.</p>
      <fieldset class="fieldset">
        <legend>A visitor starts waiting</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={prefs.soundNewConversation}
            onChange={toggle('soundNewConversation')}
          />
          Play a sound
        </label>
        <label class="check">
          <input
            type="checkbox"
            checked={prefs.desktopNewConversation}
            onChange={toggle('desktopNewConversation')}
          />
          Show a desktop notification
        </label>
      </fieldset>
      <fieldset class="fieldset">
        <legend>A new message in one of my conversations</legend>
        <label class="check">
          <input type="checkbox" checked={prefs.soundNewMessage} onChange={toggle('soundNewMessage')} />
          Play a sound
        </label>
        <label class="check">
          <input type="checkbox" checked={prefs.desktopNewMessage} onChange={toggle('desktopNewMessage')} />
          Show a desktop notification
        </label>
      </fieldset>
      <fieldset class="fieldset">
        <legend>By email, to {email ?? 'your address'}</legend>
        <label class="check">
          <input
            type="checkbox"
            checked={prefs.emailOfflineMessage}
            onChange={toggle('emailOfflineMessage')}
          />
          A visitor leaves an offline message
        </label>
        <label class="check">
          <input type="checkbox" checked={prefs.emailLongWait} onChange={toggle('emailLongWait')} />A visitor
          waits longer than the target while nobody is online
        </label>
      </fieldset>
      <p class="muted" role="status">
        {permissionText[permission]}
      </p>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={onTestSound}>
          Play test sound
        </button>
        {permission === 'default' && (
          <button
            type="button"
            class="btn btn-primary"
            onClick={async () => setPermission(await askNotificationPermission())}
          >
            Allow desktop notifications
          </button>
        )}
      </div>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
