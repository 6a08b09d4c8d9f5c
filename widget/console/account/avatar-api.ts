import { useEffect, useState } from 'preact/hooks';

/** One's own picture: `/api/console/avatar` (GET, PUT raw image bytes, DELETE), shared by the top bar and the form. */
type Listener = (picture: string | null) => void;
const listeners = new Set<Listener>();
let known: string | null | undefined;
let team: Promise<Map<string, string>> | null = null;

async function call(fetchFn: typeof fetch, method: string, body?: Blob): Promise<string | null> {
  const res = await fetchFn('/api/console/avatar', {
    method,
    credentials: 'same-origin',
    ...(body ? { body, headers: { 'content-type': body.type || 'application/octet-stream' } } : {}),
  });
  const data = (await res.json().catch(() => null)) as {
    avatar?: string | null;
    error?: { message?: string };
  } | null;
  if (!res.ok) throw new Error(data?.error?.message ?? `The picture could not be saved (${res.status})`);
  const picture = data?.avatar ?? null;
  if (method !== 'GET') team = null;
  known = picture;
  for (const l of listeners) l(picture);
  return picture;
}

export const avatarApi = {
  get: (fetchFn: typeof fetch = fetch) => call(fetchFn, 'GET'),
  upload: (file: Blob, fetchFn: typeof fetch = fetch) => call(fetchFn, 'PUT', file),
  remove: (fetchFn: typeof fetch = fetch) => call(fetchFn, 'DELETE'),
};

/** One's picture path (null: initials), asked once and kept up to date when the form changes it. */
export function useOwnPicture(enabled = true): string | null {
  const [picture, setPicture] = useState<string | null>(known ?? null);
  useEffect(() => {
    if (!enabled) return;
    listeners.add(setPicture);
    if (known === undefined) avatarApi.get().catch(() => {});
    return () => {
      listeners.delete(setPicture);
    };
  }, [enabled]);
  return picture;
}

/** The team's pictures by display name (for faces in conversations), asked once per console and after a change. */
export function useTeamPictures(enabled = true): Map<string, string> {
  const [pictures, setPictures] = useState<Map<string, string>>(new Map());
  const own = useOwnPicture(enabled);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    team ??= fetch('/api/console/avatar/team', { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() : { pictures: [] }))
      .then(
        (b: { pictures: Array<{ name: string; avatar: string }> }) =>
          new Map(b.pictures.map((p) => [p.name, p.avatar])),
      )
      .catch(() => new Map());
    void team.then((m) => live && setPictures(m));
    return () => {
      live = false;
    };
  }, [enabled, own]);
  return pictures;
}
