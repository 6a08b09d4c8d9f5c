/** True when a compiled server entry is missing or older than any server source or the lock file. */
export function serverStale(): boolean;
/** Compiles the server entries to dist/server. */
export function buildServer(): Promise<void>;
/** The newest modification time of a file or anything below a folder. */
export function newest(path: string): number;
