/** The part of the Web Locks API the token manager uses. */
export interface Locks {
  /**
   * Runs `task` while holding the named lock, tab-wide and browser-wide. `contended` says
   * whether another holder had to finish first.
   */
  withLock<T>(name: string, task: (contended: boolean) => Promise<T>): Promise<T>;
}

interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
  request<T>(name: string, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

const BUSY = Symbol("busy");

export function webLocks(manager: LockManagerLike): Locks {
  return {
    async withLock(name, task) {
      const immediate = await manager.request(name, { ifAvailable: true }, async (lock) => (lock ? task(false) : BUSY));
      if (immediate !== BUSY) return immediate as Awaited<ReturnType<typeof task>>;
      return manager.request(name, () => task(true));
    },
  };
}

/**
 * For pages without navigator.locks (plain-HTTP origins other than localhost): one refresh at a
 * time within the tab; across tabs the server's reuse grace window has to absorb collisions.
 */
export function tabLocalLocks(): Locks {
  const queues = new Map<string, { tail: Promise<void>; size: number }>();
  return {
    withLock(name, task) {
      const queue = queues.get(name) ?? { tail: Promise.resolve(), size: 0 };
      queues.set(name, queue);
      const contended = queue.size > 0;
      queue.size++;
      const run = queue.tail.then(() => task(contended));
      queue.tail = run.then(
        () => release(name, queue),
        () => release(name, queue),
      );
      return run;
    },
  };

  function release(name: string, queue: { size: number }) {
    if (--queue.size === 0 && queues.get(name) === queue) queues.delete(name);
  }
}
