/**
 * Runs `task` every `ms` (and once at the start with `immediately`), never two runs at once, without keeping
 * the process alive; returns the stop. `task` handles its own errors.
 */
export function every(ms: number, task: () => Promise<unknown>, { immediately = false } = {}): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    void task().finally(() => {
      running = false;
    });
  };
  if (immediately) run();
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
}
