import { spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';

/** What a scanner says about one file. A scanner that cannot answer throws instead. */
export type ScanVerdict = { infected: false } | { infected: true; signature: string };

/**
 * An optional virus scanner every upload passes through before it is stored: an upload waits (held in memory,
 * never written) until the scanner answers; a file it flags is refused, and when it cannot answer the upload
 * fails and can be retried (fail closed).
 */
export interface VirusScanner {
  readonly describe: string;
  scan(bytes: Uint8Array): Promise<ScanVerdict>;
}

const TIMEOUT_MS = 30_000;

/** The signature name in a ClamAV answer ("stream: Eicar-Test-Signature FOUND", "stdin: X FOUND"). */
function signatureIn(text: string): string {
  const m = /:\s*(.+?)\s+FOUND/.exec(text);
  return m?.[1]?.trim() || 'unknown';
}

/**
 * A command that reads the file on its standard input, ClamAV's way: exit 0 is clean, 1 is infected (the name
 * of what it found read from "...: NAME FOUND" on its output), anything else is an error. For example
 * `clamdscan --no-summary -` or `clamscan --no-summary -`. Run without a shell.
 */
export function commandScanner(argv: readonly string[], timeoutMs = TIMEOUT_MS): VirusScanner {
  const [cmd, ...args] = argv;
  if (!cmd) throw new Error('The virus-scan command is empty');
  return {
    describe: `command ${cmd}`,
    scan: (bytes) =>
      new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error('The virus scan took too long'));
        }, timeoutMs);
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString('utf8').slice(0, 4096);
        });
        child.stderr.on('data', () => undefined);
        child.on('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          if (code === 0) resolve({ infected: false });
          else if (code === 1) resolve({ infected: true, signature: signatureIn(out) });
          else reject(new Error(`The virus-scan command exited with ${code}`));
        });
        // A scanner that exits before reading everything is answered by its exit code, not by EPIPE.
        child.stdin.on('error', () => undefined);
        child.stdin.end(Buffer.from(bytes));
      }),
  };
}

/** `tcp://host:port` or a Unix socket path (`/run/clamav/clamd.ctl`, or `unix:/run/...`). */
function dial(address: string): Socket {
  if (address.startsWith('tcp://')) {
    const u = new URL(address);
    return connect({ host: u.hostname, port: Number(u.port || 3310) });
  }
  return connect({ path: address.replace(/^unix:/, '') });
}

/**
 * ClamAV's daemon (clamd) over its INSTREAM command: the bytes go in chunks, the answer is "stream: OK" or
 * "stream: NAME FOUND". Any other answer, a refused connection or a timeout is an error.
 */
export function clamdScanner(address: string, timeoutMs = TIMEOUT_MS): VirusScanner {
  return {
    describe: `clamd at ${address}`,
    scan: (bytes) =>
      new Promise((resolve, reject) => {
        const socket = dial(address);
        const chunks: Buffer[] = [];
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error('The virus scan took too long')));
        socket.on('error', reject);
        socket.on('data', (d: Buffer) => chunks.push(d));
        socket.on('end', () => {
          const answer = Buffer.concat(chunks).toString('utf8').replace(/\0/g, '').trim();
          if (/:\s*OK$/.test(answer)) resolve({ infected: false });
          else if (/ FOUND$/.test(answer)) resolve({ infected: true, signature: signatureIn(answer) });
          else reject(new Error(`clamd answered: ${answer.slice(0, 200) || 'nothing'}`));
        });
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          const buf = Buffer.from(bytes);
          for (let at = 0; at < buf.length; at += 64 * 1024) {
            const part = buf.subarray(at, at + 64 * 1024);
            const len = Buffer.alloc(4);
            len.writeUInt32BE(part.length);
            socket.write(len);
            socket.write(part);
          }
          socket.end(Buffer.alloc(4));
        });
      }),
  };
}

/** The scanner the configuration names: clamd when an address is set, else a command, else none. */
export function scannerFrom(config: {
  clamd?: string | undefined;
  command?: string | undefined;
}): VirusScanner | undefined {
  if (config.clamd) return clamdScanner(config.clamd);
  if (config.command) return commandScanner(config.command.trim().split(/\s+/));
  return undefined;
}
