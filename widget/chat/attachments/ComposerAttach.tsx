import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentRef } from '../../../server/protocol/dto.ts';
import { AttachButton } from './AttachButton.tsx';
import { fileAccess } from './LazyFiles.tsx';
import type { UploadItem } from './UploadList.tsx';

type Chunk = typeof import('./upload-chunk.ts');
type Item = UploadItem & { file: File; ref?: AttachmentRef; ctl?: AbortController; carried?: boolean };
let chunk: Promise<Chunk> | undefined;
const load = () => {
  chunk ??= import('./upload-chunk.ts').then((m) => {
    fileAccess()?.adoptStyles(m.css);
    return m;
  });
  return chunk;
};

/**
 * The paperclip of the widget's message box, and files dropped on or pasted into `zone`: each uploads at once to
 * the conversation with its progress, Cancel, and the reason it failed with Retry; `onRefs` hears the files that
 * are ready to go with the message. The upload code loads the first time a file is attached.
 *
 * Before there is a conversation (the visitor's first message), files wait (`onHeld` hears them) and upload
 * once the message has started one: the box mounts again with them as `carry`, uploads them, and `onCarried`
 * hears them when every one is up, to follow the first message.
 */
export function ComposerAttach({
  conversationId,
  zone,
  label,
  onRefs,
  carry,
  onHeld,
  onCarried,
}: {
  conversationId?: string | undefined;
  zone: RefObject<HTMLElement | null>;
  label: string;
  onRefs: (refs: AttachmentRef[]) => void;
  carry?: File[];
  onHeld?: (files: File[]) => void;
  onCarried?: (refs: AttachmentRef[]) => void;
}) {
  const [m, setM] = useState<Chunk>();
  const [items, setItems] = useState<Item[]>([]);
  const patch = (key: string, p: Partial<Item>) =>
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...p } : i)));
  const remove = (key: string) => setItems((list) => list.filter((i) => i.key !== key));

  const carrying = useRef(false);
  useEffect(() => {
    const refsOf = (list: Item[]) => list.flatMap((i) => (i.ref ? [i.ref] : []));
    onRefs(refsOf(items.filter((i) => !i.carried)));
    onHeld?.(items.flatMap((i) => (i.waiting ? [i.file] : [])));
    // The carried files follow the first message once all are up (a failed one waits for Retry or Remove).
    // Every one removed: nothing follows.
    const carried = items.filter((i) => i.carried);
    if (carrying.current && carried.every((i) => i.done)) {
      carrying.current = false;
      onCarried?.(refsOf(carried));
      if (carried.length) setItems((list) => list.filter((i) => !i.carried));
    }
  }, [items]);
  useEffect(() => {
    if (carry?.length) void add(carry, true);
  }, []);

  // The conversation as it is now (an upload that waited for the chunk must not use an older one).
  const current = useRef(conversationId);
  current.current = conversationId;
  const before = useRef(conversationId);
  useEffect(() => {
    const was = before.current;
    before.current = conversationId;
    if (was === conversationId) return;
    // Files uploaded to a conversation that ended cannot go with the next one.
    if (was) setItems((list) => list.filter((i) => i.waiting));
    // The first message started a conversation: the files that waited for it upload now.
    if (conversationId && m)
      for (const item of items.filter((i) => i.waiting)) start(m, { ...item, waiting: false });
  }, [conversationId]);

  const start = (mod: Chunk, item: Item) => {
    const conversationId = current.current;
    if (!conversationId) return;
    const a = fileAccess();
    const ctl = new AbortController();
    patch(item.key, { ctl, error: undefined, progress: 0, waiting: false });
    mod
      .uploadFile({
        base: (a?.base ?? '/').replace(/\/$/, ''),
        conversationId,
        file: item.file,
        token: a?.token(),
        onProgress: (f) => patch(item.key, { progress: f }),
        signal: ctl.signal,
      })
      .then(
        (r) => patch(item.key, { ref: r.attachment, done: true, progress: 1 }),
        (e: { code?: string }) => {
          if (e.code === 'cancelled') remove(item.key);
          else patch(item.key, { error: (e.code ?? 'failed') as Item['error'] });
        },
      );
  };

  const add = async (files: File[], carried = false) => {
    const mod = await load();
    setM(mod);
    const fresh = files.map((file, n) => ({
      key: `${Date.now()}-${n}-${file.name}`,
      name: file.name || 'file',
      size: file.size,
      progress: 0,
      file,
      waiting: !current.current,
      carried,
    }));
    setItems((list) => [...list, ...fresh]);
    if (carried) carrying.current = true;
    for (const item of fresh) start(mod, item);
  };

  useEffect(() => {
    const el = zone.current;
    if (!el) return;
    const files = (list: Iterable<File>) => [...list];
    const onPaste = (e: ClipboardEvent) => {
      const got = [...(e.clipboardData?.items ?? [])]
        .filter((i) => i.kind === 'file')
        .map((i) => i.getAsFile())
        .filter((f): f is File => f !== null);
      if (!got.length) return;
      e.preventDefault();
      void add(got);
    };
    const onDragOver = (e: DragEvent) => {
      if ([...(e.dataTransfer?.types ?? [])].includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const got = files(e.dataTransfer?.files ?? []);
      if (!got.length) return;
      e.preventDefault();
      void add(got);
    };
    el.addEventListener('paste', onPaste);
    el.addEventListener('dragover', onDragOver);
    el.addEventListener('drop', onDrop);
    return () => {
      el.removeEventListener('paste', onPaste);
      el.removeEventListener('dragover', onDragOver);
      el.removeEventListener('drop', onDrop);
    };
  }, [zone.current, conversationId]);

  return (
    <>
      <AttachButton label={label} onFiles={(got) => void add(got)} />
      {m && (
        <m.UploadList
          items={items}
          labels={m.labelsFor(fileAccess()?.locale)}
          onCancel={(key) => {
            const item = items.find((i) => i.key === key);
            if (item?.ctl && !item.done && !item.error) item.ctl.abort();
            else remove(key);
          }}
          onRetry={(key) => {
            const item = items.find((i) => i.key === key);
            if (item) start(m, item);
          }}
        />
      )}
    </>
  );
}
