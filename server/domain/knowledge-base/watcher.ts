import { type FSWatcher, watch } from 'node:fs';

export interface WatchOptions {
  /** Quiet time after the last change before a rebuild. */
  debounceMs?: number;
  /** Longest a steady stream of changes (a git pull) may delay a rebuild. */
  maxWaitMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Watches a folder tree and calls `onChange` once per burst of file-system events.
 * Uses recursive fs.watch (supported on Linux since Node 20); if the platform refuses it,
 * falls back to one watcher per directory, refreshed through `setDirectories` after each rebuild.
 */
export class DebouncedWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | undefined;
  private firstEventAt: number | undefined;
  private recursive = true;
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
    try {
      this.add(root, true);
    } catch {
      this.recursive = false;
      this.add(root, false);
    }
  }

  /** Keeps per-directory watchers in step with the folders that exist now (fallback mode only). */
  setDirectories(directories: string[]): void {
    if (this.recursive || this.closed) return;
    const wanted = new Set(directories);
    for (const [dir, watcher] of this.watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const dir of wanted) if (!this.watchers.has(dir)) this.tryAdd(dir);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private tryAdd(dir: string): void {
    try {
      this.add(dir, false);
    } catch (error) {
      this.options.onError?.(error);
    }
  }

  private add(dir: string, recursive: boolean): void {
    const watcher = watch(dir, { recursive, persistent: false }, () => this.schedule());
    watcher.on('error', (error) => {
      // A watched folder was deleted: drop its watcher; the parent's event triggers a rebuild.
      watcher.close();
      this.watchers.delete(dir);
      if (dir === this.root) this.options.onError?.(error);
      this.schedule();
    });
    this.watchers.set(dir, watcher);
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
