import { errors } from "../../errors/catalog";
import type { AuthConfig } from "../config";
import type { Principal } from "../guard";

/** Seconds since the caller last proved who they are; endless for a token that says nothing. */
export function proofAgeSeconds(principal: Pick<Principal, "authTime">, now: Date): number {
  if (principal.authTime === null) return Number.POSITIVE_INFINITY;
  return Math.floor(now.getTime() / 1000) - principal.authTime;
}

/**
 * A sensitive action goes ahead only on a proof at most REAUTH_MAX_AGE_SECONDS old, counted
 * from the login's last proof (sign-in or re-authentication), never from its start; otherwise
 * RFC 9470's refusal, thrown before anything is written. The token carries the proof time,
 * so every instance decides alike. The actions that call it: lib/contracts/sensitive-actions.ts.
 */
export function requireFreshProof(ctx: { config: Pick<AuthConfig, "reauthMaxAgeSeconds"> }, principal: Principal, now: Date): void {
  const maxAge = ctx.config.reauthMaxAgeSeconds;
  if (proofAgeSeconds(principal, now) > maxAge) throw errors.reauthRequired(maxAge);
}
