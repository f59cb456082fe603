/**
 * Runs `load` now, or once more after the run in flight when asked meanwhile, however many times:
 * a burst of events costs at most two list calls, and the last answer is never older than the
 * last request.
 */
export function createCoalescedLoader(load: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    do {
      again = false;
      try {
        await load();
      } catch {
        // `load` reports its own failures; a throw must not stop the loader for good.
      }
    } while (again);
    running = null;
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run();
    return running;
  };
}
