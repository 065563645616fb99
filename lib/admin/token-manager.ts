import type { AuthApi, AuthOutcome } from "./auth-api";
import { backoffDelay, defaultBackoff } from "./backoff";
import type { Clock, Timers } from "./clock";
import { fromPeer, fromResponse, type HeldToken, isDue, isExpiring, remainingMs, toPeer, untilRefreshMs } from "./held-token";
import type { Locks } from "./locks";
import { resumable, type SessionEnding, sessionEndMessage } from "./session-messages";
import type { TabChannel, TabMessage } from "./tab-channel";
import type { LoginResult, SessionEvent, SessionStatus, TokenManager } from "./token-manager-contract";

export type { LoginResult, SessionEvent, SessionStatus, TokenManager } from "./token-manager-contract";

export interface TokenManagerDeps {
  api: AuthApi;
  locks: Locks;
  channel: TabChannel;
  clock: Clock;
  timers: Timers;
  /** Registers a callback for the tab waking up or coming back online. */
  onWake?: (listener: () => void) => () => void;
  /** How long a tab without a token waits for another tab to share one. */
  peerWaitMs?: number;
  /** How long restoring a session on load keeps failing on the network before the tab says so. */
  restorePatienceMs?: number;
  random?: () => number;
}

export const REFRESH_LOCK = "gatehouse-refresh";
export const SIGNED_OUT_ELSEWHERE = sessionEndMessage("other_tab");
const TRANSIENT = Symbol("transient");
// The cookie is dropped by the browser at its Max-Age, a moment before the cap itself.
const CAP_MARGIN_MS = 5_000;

/** A refused sign-in as the form needs it: the wait after a lockout, or the challenge for the second step. */
function refusal(outcome: Exclude<AuthOutcome, { ok: true }>): LoginResult {
  const base = { ok: false as const, status: outcome.status, detail: outcome.detail };
  switch (outcome.kind) {
    case "transient":
      return outcome.retryAfterSeconds === undefined ? base : { ...base, retryAfterSeconds: outcome.retryAfterSeconds };
    case "second-step":
      return { ...base, secondStep: outcome.challenge };
    case "rejected":
      return outcome.code === undefined ? base : { ...base, code: outcome.code };
    default:
      return base;
  }
}

export function createTokenManager(deps: TokenManagerDeps): TokenManager {
  const { api, locks, channel, clock, timers, peerWaitMs = 150, restorePatienceMs = 10_000, random = Math.random } = deps;
  let held: HeldToken | null = null;
  let status: SessionStatus = "unknown";
  let reason: string | null = null;
  // Bumped whenever the session changes hands (sign-in, sign-out) so late answers are dropped.
  let epoch = 0;
  let refreshing: Promise<HeldToken | null> | null = null;
  let timer: unknown = null;
  const listeners = new Set<(event: SessionEvent) => void>();
  const tokenWaiters = new Set<() => void>();
  const pauses = new Set<() => void>();

  const emit = (event: SessionEvent) => [...listeners].forEach((listener) => listener(event));
  const runAll = (callbacks: Set<() => void>) => [...callbacks].forEach((callback) => callback());

  /** `fresh` for a new login, which listeners hear of even when it replaces a live one. */
  function adopt(token: HeldToken, fresh = false) {
    const wasSignedIn = status === "signed-in";
    held = token;
    status = "signed-in";
    reason = null;
    schedule(token);
    runAll(tokenWaiters);
    if (!wasSignedIn || fresh) emit({ type: "signed-in" });
  }

  function schedule(token: HeldToken) {
    cancelTimer();
    timer = timers.setTimeout(() => {
      timer = null;
      void refresh(token.value);
    }, Math.max(0, untilRefreshMs(token, clock)));
  }

  function cancelTimer() {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  }

  function clear(next: SessionStatus, why: string | null) {
    epoch++;
    held = null;
    status = next;
    reason = why;
    cancelTimer();
    runAll(tokenWaiters);
    runAll(pauses);
  }

  /** A token other than the stale one, and not itself due for refresh: typically one another tab shared. */
  const hasReplacement = (stale: string | null) => held !== null && held.value !== stale && !isDue(held, clock);

  function refresh(stale: string | null): Promise<HeldToken | null> {
    refreshing ??= refreshLoop(stale).finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  async function refreshLoop(stale: string | null): Promise<HeldToken | null> {
    const startEpoch = epoch;
    const started = clock.monotonic();
    for (let attempt = 0; ; attempt++) {
      if (epoch !== startEpoch) return held;
      const outcome = await locks.withLock(REFRESH_LOCK, (contended) => refreshOnce(stale, startEpoch, contended));
      if (outcome !== TRANSIENT) return outcome;
      // A signed-in tab keeps retrying and nobody is signed out; a tab still restoring its
      // session says why it cannot, instead of waiting forever. The cookie is kept either way.
      if (status === "unknown" && epoch === startEpoch && clock.monotonic() - started >= restorePatienceMs) {
        clear("signed-out", sessionEndMessage("unreachable"));
        return null;
      }
      await pause(backoffDelay(attempt, defaultBackoff, random));
    }
  }

  async function refreshOnce(stale: string | null, startEpoch: number, contended: boolean) {
    if (epoch !== startEpoch || hasReplacement(stale)) return held;
    // A tab that waited for the lock, or has no token at all, first asks whether another tab has a fresh one.
    if (!held || contended) {
      await askPeers();
      if (epoch !== startEpoch || hasReplacement(stale)) return held;
    }
    const hadSession = status === "signed-in";
    const outcome = await api.refresh({ probe: status === "unknown" });
    if (epoch !== startEpoch) return held;
    if (outcome.ok) {
      const token = fromResponse(outcome.token, clock);
      adopt(token);
      channel.post({ type: "token", token: toPeer(token, clock) });
      return token;
    }
    if (outcome.kind === "transient") return TRANSIENT;
    // An anonymous visit (no cookie at all) says nothing. A cookie the server refused says the
    // session ended, with the server's reason when it gave one; a replayed old token (a copy,
    // a stale saved state) gets none and reads as a plain end, never as an accusation.
    if (outcome.kind === "none") {
      clear("signed-out", null);
      return null;
    }
    const ending = endingOf(outcome.kind === "rejected" ? outcome.reason : undefined) ?? "refused";
    if (hadSession) endSession(sessionEndMessage(ending), resumable(ending));
    else clear("signed-out", sessionEndMessage(ending));
    return null;
  }

  /** The server's reason, or the cap when the browser dropped the cookie at it and the server saw none. */
  function endingOf(serverReason: SessionEnding | undefined): SessionEnding | null {
    if (serverReason) return serverReason;
    const capPassed = held?.sessionEndsAt != null && clock.wall() >= held.sessionEndsAt - CAP_MARGIN_MS;
    return capPassed ? "session_limit" : null;
  }

  function askPeers(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        timers.clearTimeout(handle);
        tokenWaiters.delete(done);
        resolve();
      };
      const handle = timers.setTimeout(done, peerWaitMs);
      tokenWaiters.add(done);
      channel.post({ type: "token-request" });
    });
  }

  /** A backoff wait that ends early when the tab wakes, comes online or the session changes. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        timers.clearTimeout(handle);
        pauses.delete(done);
        resolve();
      };
      const handle = timers.setTimeout(done, ms);
      pauses.add(done);
    });
  }

  function onPeerMessage(message: TabMessage) {
    if (message.type === "token") {
      // A tab on the login page stays there: a late token from a session just signed out must not revive it.
      if (status === "signed-out") return;
      const incoming = fromPeer(message.token, clock);
      if (remainingMs(incoming, clock) <= 0) return;
      if (held && remainingMs(held, clock) >= remainingMs(incoming, clock)) return;
      adopt(incoming);
    } else if (message.type === "token-request") {
      if (held && !isExpiring(held, clock)) channel.post({ type: "token", token: toPeer(held, clock) });
    } else if (message.type === "signed-out" && status !== "signed-out") {
      const why = message.reason ?? SIGNED_OUT_ELSEWHERE;
      clear("signed-out", why);
      emit({ type: "signed-out", reason: why, resumable: message.reason !== null && message.resumable !== false });
    }
  }

  function onWake() {
    runAll(pauses);
    if (held && isDue(held, clock)) void refresh(held.value);
  }

  function endSession(why: string, canResume = true) {
    if (status === "signed-out") return;
    clear("signed-out", why);
    channel.post({ type: "signed-out", reason: why, resumable: canResume });
    emit({ type: "signed-out", reason: why, resumable: canResume });
    // Revoke whatever the cookie still holds; nobody waits for the answer.
    void api.logout();
  }

  async function currentToken() {
    if (status === "signed-out") return null;
    if (held && !isExpiring(held, clock)) return held.value;
    return (await refresh(held?.value ?? null))?.value ?? null;
  }

  /** A token the server issued outside a refresh, taken under the lock so no other tab's refresh overwrites what it set. */
  function issued(call: () => Promise<AuthOutcome>, newSession: boolean) {
    return locks.withLock(REFRESH_LOCK, async (): Promise<LoginResult> => {
      const startEpoch = epoch;
      const outcome = await call();
      if (!outcome.ok) return refusal(outcome);
      // A re-authentication answered after this session ended does not bring it back.
      if (!newSession && (epoch !== startEpoch || status !== "signed-in")) return { ok: false, status: 401, detail: sessionEndMessage("refused") };
      if (newSession) epoch++;
      const token = fromResponse(outcome.token, clock);
      adopt(token, newSession);
      channel.post({ type: "token", token: toPeer(token, clock) });
      return outcome.recoveryCodesLeft === undefined ? { ok: true } : { ok: true, recoveryCodesLeft: outcome.recoveryCodesLeft };
    });
  }

  /** Step-up: a fresh proof for the session this tab holds, never a new one. */
  async function reproved(call: (bearer: string) => Promise<AuthOutcome>): Promise<LoginResult> {
    const bearer = await currentToken();
    return bearer ? issued(() => call(bearer), false) : { ok: false, status: 401, detail: sessionEndMessage("refused") };
  }

  const unsubscribeChannel = channel.subscribe(onPeerMessage);
  const unsubscribeWake = deps.onWake?.(onWake);

  return {
    status: () => status,
    signOutReason: () => reason,
    sessionEndsAt: () => held?.sessionEndsAt ?? null,

    token: currentToken,

    async renew(rejected) {
      if (status === "signed-out") return null;
      if (held && held.value !== rejected && !isExpiring(held, clock)) return held.value;
      return (await refresh(rejected))?.value ?? null;
    },

    login: (username, password) => issued(() => api.login({ username, password }), true),

    completeLogin: (challenge, factor) => issued(() => api.secondStep(challenge.mfaToken, factor), true),

    reauthenticate: (password, factor) => reproved((bearer) => api.reauthenticate(bearer, password, factor)),

    signInWithPasskey: (proof) => issued(() => api.passkeySignIn(proof), true),

    reauthenticateWithPasskey: (proof) => reproved((bearer) => api.reauthenticateWithPasskey(bearer, proof)),

    async signOut() {
      clear("signed-out", null);
      channel.post({ type: "signed-out", reason: null });
      await locks.withLock(REFRESH_LOCK, async () => {
        for (let attempt = 0; attempt < 3 && !(await api.logout()); attempt++) {
          await pause(backoffDelay(attempt, defaultBackoff, random));
        }
      });
    },

    endSession,
    forget: () => clear("signed-out", reason),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    dispose() {
      cancelTimer();
      unsubscribeChannel();
      unsubscribeWake?.();
      listeners.clear();
    },
  };
}
