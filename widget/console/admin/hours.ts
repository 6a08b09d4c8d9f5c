import type { WorkspaceSettings } from '../api.ts';

export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** One editable row per weekday (one opening span per day, which covers most teams). */
export interface DayHours {
  open: boolean;
  from: string;
  to: string;
}

/**
 * The week as rows. With no business hours set yet, the rows offer a working week (Monday to Friday, 09:00 to
 * 17:00) rather than seven closed days, so turning hours on never means "closed all week".
 */
export function toDays(hours: WorkspaceSettings['businessHours']): DayHours[] {
  return DAYS.map((_, day) => {
    if (!hours) return { open: day >= 1 && day <= 5, from: '09:00', to: '17:00' };
    const span = hours.open.find((o) => o.day === day);
    return span ? { open: true, from: span.from, to: span.to } : { open: false, from: '09:00', to: '17:00' };
  });
}

export function fromDays(
  enabled: boolean,
  timeZone: string,
  days: DayHours[],
): WorkspaceSettings['businessHours'] {
  if (!enabled) return null;
  return {
    timeZone,
    open: days.flatMap((d, day) => (d.open ? [{ day, from: d.from, to: d.to }] : [])),
  };
}

export const browserTimeZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};
