/** A request to sign the same person in again without leaving the page they are on. */
export interface ReauthRequest {
  username: string;
  message: string;
  /** Asked for ahead of the session cap, while the session still works. */
  voluntary: boolean;
}

/**
 * The in-place sign-in: whoever notices that the session needs it opens a request, the
 * dialog settles it. checkAuth waits for the outcome instead of leaving the page, so a form
 * with unsaved input stays mounted while its owner signs in again.
 */
export interface Reauth {
  current(): ReauthRequest | null;
  open(request: ReauthRequest): void;
  /** Signed in again (true), or gave up (false). */
  settle(signedIn: boolean): void;
  /** The outcome of the open request; false at once when none is open. */
  outcome(): Promise<boolean>;
  subscribe(listener: () => void): () => void;
}

export function createReauth(): Reauth {
  let request: ReauthRequest | null = null;
  let waiters: ((signedIn: boolean) => void)[] = [];
  const listeners = new Set<() => void>();
  const notify = () => [...listeners].forEach((listener) => listener());

  return {
    current: () => request,
    open(next) {
      // An ended session outranks a voluntary renewal, never the other way round.
      if (request && !request.voluntary && next.voluntary) return;
      request = next;
      notify();
    },
    settle(signedIn) {
      if (!request) return;
      request = null;
      const settled = waiters;
      waiters = [];
      settled.forEach((resolve) => resolve(signedIn));
      notify();
    },
    outcome: () => (request ? new Promise<boolean>((resolve) => waiters.push(resolve)) : Promise.resolve(false)),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
