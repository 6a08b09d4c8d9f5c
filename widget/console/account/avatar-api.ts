import { useEffect, useState } from 'preact/hooks';

/** One's own picture: `/api/console/avatar` (GET, PUT raw image bytes, DELETE), shared by the top bar and the form. */
type Listener = (picture: string | null) => void;
const listeners = new Set<Listener>();
let known: string | null | undefined;

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
