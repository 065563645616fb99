import type { AuthStorage, LiveLogin, LoginState } from "../storage";

/** Which logins are live, answered from memory while the revocation signal says nothing changed. */
export interface LiveLoginView {
  find(familyId: string, now: Date): Promise<LiveLogin | null>;
  /** A write on this instance may have ended logins: drop everything remembered. */
  forget(): void;
}

export interface LiveLoginViewOptions {
  /** Milliseconds on a clock that never jumps; tests pass their own. */
  monotonic?: () => number;
  /** A request older than this since the last look at the signal starts a new look. */
  pollAfterMs?: number;
  /** Remembered answers are used only while the last completed look began this recently. */
  trustForMs?: number;
  maxEntries?: number;
}

export const REVOCATION_STALENESS_MS = 750;

/**
 * Every API request asks whether its login is still live. The answers are remembered per
 * login and dropped whenever the shared revocation signal moves (another instance revoked
 * something) or this instance writes a revocation (`forget`, so it takes effect at once
 * here). A request looks at the signal in the background at most every `pollAfterMs`, and
 * remembered answers are trusted only while the last completed look began within
 * `trustForMs`: a revocation committed anywhere is refused everywhere within that bound,
 * and when the signal cannot be read the view reads the database for every request.
 */
export function liveLoginView(
  { logins, revocations }: Pick<AuthStorage, "logins" | "revocations">,
  { monotonic = () => performance.now(), pollAfterMs = 250, trustForMs = REVOCATION_STALENESS_MS, maxEntries = 10_000 }: LiveLoginViewOptions = {},
): LiveLoginView {
  const remembered = new Map<string, LoginState>();
  let seenVersion: number | null = null;
  let lookedAt = Number.NEGATIVE_INFINITY;
  // Moves on with every drop, so an answer read before a drop is never remembered after it.
  let generation = 0;
  let looking: Promise<void> | null = null;

  function forget() {
    remembered.clear();
    generation++;
  }

  function look() {
    looking ??= (async () => {
      const startedAt = monotonic();
      try {
        const version = await revocations.version();
        if (version === null || version !== seenVersion) forget();
        seenVersion = version;
        lookedAt = version === null ? Number.NEGATIVE_INFINITY : startedAt;
      } catch {
        // Unread, the signal ages out of trust and every request reads the database.
      } finally {
        looking = null;
      }
    })();
  }

  const trusted = () => monotonic() - lookedAt <= trustForMs;
  const liveAt = (state: LoginState, now: Date): LiveLogin | null =>
    state.absoluteExpiresAt > now ? { userId: state.userId, role: state.role } : null;

  return {
    forget,
    async find(familyId, now) {
      if (monotonic() - lookedAt > pollAfterMs) look();
      const known = trusted() ? remembered.get(familyId) : undefined;
      if (known) return liveAt(known, now);
      const readIn = generation;
      const state = await logins.loginState(familyId);
      if (state && readIn === generation && trusted()) {
        if (remembered.size >= maxEntries) remembered.delete(remembered.keys().next().value!);
        remembered.set(familyId, state);
      }
      return state && liveAt(state, now);
    },
  };
}
