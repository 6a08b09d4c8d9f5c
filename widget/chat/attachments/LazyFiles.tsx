import { useEffect, useState } from 'preact/hooks';
import type { AttachmentRef } from '../../../server/protocol/dto.ts';

/** How the widget reaches Parley for files: its base URL (ending in /), the visitor token, and its style sheet. */
export interface FileAccess {
  base: string;
  token: () => string | undefined;
  adoptStyles: (css: string) => void;
  /** The widget's locale: the controls speak its language. */
  locale?: string | undefined;
}

let access: FileAccess | undefined;
let chunk: Promise<typeof import('./view-chunk.ts')> | undefined;

/** How files reach Parley, once the chat chunk's entry has said (undefined in tests that do not set it). */
export function fileAccess(): FileAccess | undefined {
  return access;
}

/** Set once by the chat chunk's entry (one chat per page). */
export function setFileAccess(a: FileAccess): void {
  access = a;
}

function load() {
  chunk ??= import('./view-chunk.ts').then((m) => {
    access?.adoptStyles(m.css);
    return m;
  });
  return chunk;
}

/** A message's files, drawn by the attachments chunk, which loads the first time a message has any. */
export function LazyFiles({ conversationId, files }: { conversationId: string; files: AttachmentRef[] }) {
  const [m, setM] = useState<Awaited<ReturnType<typeof load>>>();
  useEffect(() => {
    load().then(setM, () => undefined);
  }, []);
  const a = access;
  if (!m || !a) return null;
  const linkOf = async (f: AttachmentRef) => {
    const path = `api/attachments/${encodeURIComponent(conversationId)}/${f.id}/link?name=${encodeURIComponent(f.name)}`;
    const res = await fetch(a.base + path, { headers: { Authorization: `Bearer ${a.token() ?? ''}` } });
    if (!res.ok) throw new Error(`file link: ${res.status}`);
    const got = (await res.json()) as { url: string; scan?: 'clean' };
    return { url: new URL(got.url, a.base).href, scan: got.scan };
  };
  return <m.AttachmentView files={files} linkOf={linkOf} labels={m.labelsFor(a.locale)} />;
}
