import { useEffect, useState } from 'preact/hooks';
import { useDeps } from '../deps.ts';

/** The workspace's wait target in seconds (settings.routing.waitTargetSeconds); 120 until loaded. */
export function useWaitTarget() {
  const { api } = useDeps();
  const [waitTarget, setWaitTarget] = useState(120);
  useEffect(() => {
    let live = true;
    api.settings().then(
      (s) => live && setWaitTarget(s.routing.waitTargetSeconds),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return { waitTarget, setWaitTarget };
}
