import type { TokenResponse } from "../contracts/auth";
import type { Clock } from "./clock";

/** An access token and when it was received, measured on this tab's clocks. */
export interface HeldToken {
  value: string;
  lifetimeMs: number;
  receivedMonotonic: number;
  receivedWall: number;
  /** When the login's absolute cap passes, on this tab's wall clock; null when the server did not say. */
  sessionEndsAt: number | null;
}

/** What one tab tells another: the lifetime left at the moment of sending, not a clock reading. */
export interface SharedToken {
  value: string;
  lifetimeMs: number;
  remainingMs: number;
  sessionRemainingMs?: number | null;
}

export const REFRESH_AT_FRACTION = 0.8;
const MAX_EXPIRY_MARGIN_MS = 2000;

/** Lifetime counts from receipt using the server's relative token_expiry, so clock skew cannot shorten or stretch it. */
export function fromResponse(body: TokenResponse, clock: Clock): HeldToken {
  // The cap is read against the server's own "now" (expires_at - token_expiry), so skew cancels out.
  const serverNow = body.expires_at - body.token_expiry;
  const sessionEndsAt = body.session_expires_at === undefined ? null : clock.wall() + (body.session_expires_at - serverNow) * 1000;
  return { value: body.access_token, lifetimeMs: body.token_expiry * 1000, ...receivedNow(clock), sessionEndsAt };
}

export function fromPeer(shared: SharedToken, clock: Clock): HeldToken {
  const now = receivedNow(clock);
  const used = shared.lifetimeMs - shared.remainingMs;
  return {
    value: shared.value,
    lifetimeMs: shared.lifetimeMs,
    receivedMonotonic: now.receivedMonotonic - used,
    receivedWall: now.receivedWall - used,
    sessionEndsAt: shared.sessionRemainingMs == null ? null : now.receivedWall + shared.sessionRemainingMs,
  };
}

export function toPeer(token: HeldToken, clock: Clock): SharedToken {
  const sessionRemainingMs = token.sessionEndsAt === null ? null : token.sessionEndsAt - clock.wall();
  return { value: token.value, lifetimeMs: token.lifetimeMs, remainingMs: remainingMs(token, clock), sessionRemainingMs };
}

/**
 * The larger of the two elapsed times: the monotonic clock may pause while the machine
 * sleeps, the wall clock may be set back; neither mistake may keep an expired token alive.
 */
export function elapsedMs(token: HeldToken, clock: Clock): number {
  return Math.max(clock.monotonic() - token.receivedMonotonic, clock.wall() - token.receivedWall, 0);
}

export function remainingMs(token: HeldToken, clock: Clock): number {
  return token.lifetimeMs - elapsedMs(token, clock);
}

/** Milliseconds until the scheduled refresh; zero or less when it is due. */
export function untilRefreshMs(token: HeldToken, clock: Clock): number {
  return token.lifetimeMs * REFRESH_AT_FRACTION - elapsedMs(token, clock);
}

export function isDue(token: HeldToken, clock: Clock): boolean {
  return untilRefreshMs(token, clock) <= 0;
}

/** Too close to expiry to send: it could expire on the way to the server. */
export function isExpiring(token: HeldToken, clock: Clock): boolean {
  const margin = Math.min(MAX_EXPIRY_MARGIN_MS, token.lifetimeMs * 0.1);
  return remainingMs(token, clock) <= margin;
}

function receivedNow(clock: Clock) {
  return { receivedMonotonic: clock.monotonic(), receivedWall: clock.wall() };
}
