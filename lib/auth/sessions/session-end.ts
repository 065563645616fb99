import type { SessionEndReason } from "../../contracts/session-end";
import type { LoginRecord, RevokeReason } from "./storage";

const byRevokeReason: Record<RevokeReason, SessionEndReason> = {
  logout: "signed_out",
  signed_out_elsewhere: "signed_out_elsewhere",
  signed_out_everywhere: "signed_out_elsewhere",
  admin: "revoked_by_admin",
  account_disabled: "account_disabled",
  user_deleted: "account_disabled",
  password_changed: "password_changed",
  password_reset: "password_reset",
  expired: "idle",
  reuse_detected: "ended",
  replaced_by_login: "ended",
  wrong_device_key: "ended",
};

const isRevokeReason = (value: string | null): value is RevokeReason => value !== null && value in byRevokeReason;

/**
 * Why a login ended, told only to the rightful holder of its token: the login's newest
 * generation, or the one before it when it was replaced within the grace window (a tab that
 * lost a race). An older copy, which only a thief or a long-gone backup holds, learns
 * nothing beyond the plain 401, just like an unknown cookie.
 */
export function sessionEndReason(login: LoginRecord, generation: number, now: Date, graceSeconds: number): SessionEndReason | undefined {
  const endedAt = login.revokedAt ?? now;
  const justReplaced = generation === login.generation - 1 && login.rotatedAt !== null && endedAt.getTime() - login.rotatedAt.getTime() <= graceSeconds * 1000;
  if (generation !== login.generation && !justReplaced) return undefined;
  if (login.absoluteExpiresAt <= endedAt) return "session_limit";
  if (!login.revokedAt) return "idle";
  return isRevokeReason(login.revokedReason) ? byRevokeReason[login.revokedReason] : "ended";
}
