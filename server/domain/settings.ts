import { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import type { Store } from '../storage/store.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

/** Workspace settings admins change in the console; the widget reads the public part. */
export const settingsSchema = z.object({
  widget: z
    .object({
      greeting: z.string().max(200),
      /** Said to every visitor as a chat starts, from the team (empty: nothing). */
      chatGreeting: z.string().max(300).default(''),
      color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #3b5bdb'),
      launcherLabel: z.string().max(40),
      position: z.enum(['left', 'right']),
      /** The help centre's name (empty: "Help centre" in the visitor's language). */
      siteName: z.string().trim().max(60).default(''),
      /** The help centre's logo, an https:// image or a path on Parley itself (empty: none). */
      logoUrl: z
        .string()
        .trim()
        .max(500)
        .refine(
          (v) => v === '' || /^https:\/\/[^\s"'<>\\]+$/.test(v) || /^\/(?![/\\])[^\s"'<>\\]*$/.test(v),
          'an https:// address or a path starting with /',
        )
        .default(''),
    })
    .strict(),
  routing: z
    .object({
      /** pick: agents take conversations from the queue; auto: the least busy online agent gets the next one. */
      mode: z.enum(['pick', 'auto']),
      /** Beyond this many waiting visitors, new ones are offered the message-and-email form. */
      queueLimit: z.number().int().min(1).max(10_000),
      /** Waits beyond this show in amber, then red, in the console. */
      waitTargetSeconds: z.number().int().min(10).max(86_400),
      /** Agents' chats return to the queue this long after their last console disconnects. */
      agentGraceSeconds: z.number().int().min(0).max(3600),
    })
    .strict(),
  businessHours: z
    .object({
      timeZone: z.string().min(1).max(64),
      open: z.array(z.object({ day: z.number().int().min(0).max(6), from: hhmm, to: hhmm }).strict()).max(21),
    })
    .strict()
    .nullable(),
});

export type WorkspaceSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: WorkspaceSettings = {
  widget: {
    // Empty: the widget greets, and the launcher reads, in the visitor's own language.
    greeting: '',
    chatGreeting: '',
    color: '#3b5bdb',
    launcherLabel: '',
    position: 'right',
    siteName: '',
    logoUrl: '',
  },
  routing: { mode: 'pick', queueLimit: 20, waitTargetSeconds: 120, agentGraceSeconds: 60 },
  businessHours: null,
};

const KEY = 'workspace';

/** Reads and writes the workspace settings; a short cache keeps the hot paths off the database. */
export class Settings {
  private cached: { value: WorkspaceSettings; at: number } | undefined;

  constructor(private readonly deps: { store: Store; clock: Clock; cacheMs?: number }) {}

  async get(): Promise<WorkspaceSettings> {
    const now = this.deps.clock.now().getTime();
    if (this.cached && now - this.cached.at < (this.deps.cacheMs ?? 2000)) return this.cached.value;
    const stored = await this.deps.store.settings.get(KEY);
    const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(stored as object | undefined) });
    const value = merged.success ? merged.data : DEFAULT_SETTINGS;
    this.cached = { value, at: now };
    return value;
  }

  /** Reads the stored settings afresh next time (another node changed them). */
  forget(): void {
    this.cached = undefined;
  }

  async update(value: WorkspaceSettings): Promise<WorkspaceSettings> {
    await this.deps.store.settings.put(KEY, value, this.deps.clock.now().toISOString());
    this.cached = undefined;
    return this.get();
  }
}

/** Is `at` inside the configured opening hours? Always open when no hours are set. */
export function isWithinHours(hours: WorkspaceSettings['businessHours'], at: Date): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: hours.timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const time = `${get('hour')}:${get('minute')}`;
  return hours.open.some((o) => o.day === day && o.from <= time && time < o.to);
}
