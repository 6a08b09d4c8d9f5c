import { useEffect, useRef } from 'preact/hooks';
import { retryDelay } from '../../ui/outbox.ts';
import { GAP_WAIT_MS } from '../../ui/transcript.ts';

/**
 * The console's side of the resync rule (docs/protocol.md): while the open conversation has a gap, ask for it (one
 * request at a time; at once, then backing off while answers leave one), and show what waits past it after
 * `GAP_WAIT_MS` even if it has not filled. `version` changes with every ack, fact and answer.
 */
export function useGapFill(o: {
  gap: boolean;
  held: boolean;
  version: unknown;
  busy(): boolean;
  fill(): void;
  release(): void;
}) {
  const tries = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ref = useRef(o);
  ref.current = o;
  const { gap, held, version } = o;
  useEffect(() => {
    if (!gap) {
      tries.current = 0;
      return;
    }
    if (timer.current || ref.current.busy()) return;
    const n = tries.current++;
    timer.current = setTimeout(
      () => {
        timer.current = undefined;
        ref.current.fill();
      },
      n ? retryDelay(n - 1) : 0,
    );
  }, [gap, version]);
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (!held) return;
    const wait = setTimeout(() => ref.current.release(), GAP_WAIT_MS);
    return () => clearTimeout(wait);
  }, [held]);
}
