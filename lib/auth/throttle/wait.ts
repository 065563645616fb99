/**
 * Attempts waiting for a place in the login throttle poll the database on timers, since the
 * place may be given back on any instance; one given back in this process wakes them at once.
 */
const waiting = new Set<() => void>();

/** Resolves after `ms`, or sooner when an attempt in this process lets go of its place. */
export function untilSettledOr(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiting.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    waiting.add(done);
  });
}

export function wakeWaiters(): void {
  for (const wake of [...waiting]) wake();
}
