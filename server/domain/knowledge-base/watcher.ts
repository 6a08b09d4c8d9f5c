import { type FSWatcher, statSync, watch } from 'node:fs';
import { basename } from 'node:path';

export interface WatchOptions {
  /** Quiet time after the last change before a rebuild. */
  debounceMs?: number;
  /** Longest a steady stream of changes (a git pull) may delay a rebuild. */
  maxWaitMs?: number;
  /** How often the watched folders are checked for having been replaced (default 2 s). */
  rearmMs?: number;
  onError?: (error: unknown) => void;
}

interface Watched {
  watcher: FSWatcher;
  /** The folder's inode and birth time when the watch was set: anything else at that path is a new folder. */
  id: string;
}

/**
 * Watches a folder tree and calls `onChange` once per burst of file-system events.
 *
 * It watches FOLDERS, one watcher each, never files: an editor that saves by writing a temporary file and
 * renaming it over the article (vim, VS Code, `sed -i`) replaces the file's inode, and a watch set on the
 * old file would go quiet for good. A folder's watch sees every write, create, rename and delete of the
 * files in it. `setDirectories` (after each rebuild) adds the folders that appeared and re-arms any folder
 * that was deleted and made again; a slow timer does the same for the root and the folders already
 * watched, so a folder replaced without any other event is picked up too.
 */
export class DebouncedWatcher {
  private readonly watched = new Map<string, Watched>();
  private timer: NodeJS.Timeout | undefined;
  private readonly rearmTimer: NodeJS.Timeout;
  private firstEventAt: number | undefined;
  private closed = false;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;

  constructor(
    private readonly root: string,
    private readonly onChange: () => void,
    private readonly options: WatchOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 150;
    this.maxWaitMs = options.maxWaitMs ?? 600;
    this.add(root, true);
    this.rearmTimer = setInterval(() => this.rearm(), options.rearmMs ?? 2000);
    this.rearmTimer.unref();
  }

  /** Keeps one watcher per folder that exists now; a folder new or replaced since the last call is (re)armed. */
  setDirectories(directories: string[]): void {
    if (this.closed) return;
    const wanted = new Set([this.root, ...directories]);
    for (const [dir, w] of this.watched) {
      if (!wanted.has(dir)) {
        w.watcher.close();
        this.watched.delete(dir);
      }
    }
    let added = false;
    for (const dir of wanted) if (this.ensure(dir)) added = true;
    // A file written into a new folder between the scan and its watch would be missed: look once more.
    if (added) this.schedule();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.rearmTimer);
    for (const w of this.watched.values()) w.watcher.close();
    this.watched.clear();
  }

  /** Re-arms the folders whose inode changed under them (a folder deleted and made again, a checkout). */
  private rearm(): void {
    if (this.closed) return;
    let changed = false;
    for (const dir of [...this.watched.keys()]) if (this.ensure(dir)) changed = true;
    if (!this.watched.has(this.root) && this.ensure(this.root)) changed = true;
    if (changed) this.schedule();
  }

  /** Watches `dir` unless it is already watched at its current inode. True when a watch was (re)set. */
  private ensure(dir: string): boolean {
    const id = identity(dir);
    const current = this.watched.get(dir);
    if (current && current.id === id) return false;
    current?.watcher.close();
    this.watched.delete(dir);
    if (id === undefined) return current !== undefined;
    return this.add(dir, false);
  }

  private add(dir: string, rethrow: boolean): boolean {
    try {
      const id = identity(dir) ?? '';
      const name = basename(dir);
      const watcher = watch(dir, { persistent: false }, (_event, file) => {
        // The folder itself was deleted or moved (Linux names it in its own watch): re-arm at the next rebuild.
        const own = this.watched.get(dir);
        if (file === name && own?.watcher === watcher && identity(dir) !== own.id) own.id = 'gone';
        this.schedule();
      });
      watcher.on('error', (error) => {
        // A watched folder was deleted: drop its watcher; the parent's event triggers a rebuild.
        watcher.close();
        if (this.watched.get(dir)?.watcher === watcher) this.watched.delete(dir);
        if (dir === this.root) this.options.onError?.(error);
        this.schedule();
      });
      this.watched.set(dir, { watcher, id });
      return true;
    } catch (error) {
      if (rethrow) throw error;
      this.options.onError?.(error);
      return false;
    }
  }

  private schedule(): void {
    if (this.closed) return;
    const now = Date.now();
    this.firstEventAt ??= now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.debounceMs, this.firstEventAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.firstEventAt = undefined;
      this.onChange();
    }, wait);
  }
}

/** Inode and birth time: a folder deleted and made again often gets the same inode number back. */
function identity(dir: string): string | undefined {
  try {
    const s = statSync(dir);
    return s.isDirectory() ? `${s.ino}:${s.birthtimeMs}` : undefined;
  } catch {
    return undefined;
  }
}
