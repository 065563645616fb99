import type { SessionEndReason } from "../contracts/session-end";
import type { RevokeReason, SessionRecord } from "./storage";

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
};

const isRevokeReason = (value: string | null): value is RevokeReason => value !== null && value in byRevokeReason;

/**
 * Why the login behind a dead refresh token ended, told only to the token's rightful
 * holder: the family's newest token, or one rotated within the grace window (a tab that
 * lost a race). An older copy, which only a thief or a long-gone backup holds, learns
 * nothing beyond the plain 401, just like an unknown cookie.
 */
export function sessionEndReason(session: SessionRecord, now: Date, graceSeconds: number): SessionEndReason | undefined {
  const endedAt = session.revokedAt ?? now;
  if (session.rotatedAt && endedAt.getTime() - session.rotatedAt.getTime() > graceSeconds * 1000) return undefined;
  if (session.familyExpiresAt <= endedAt) return "session_limit";
  if (!session.revokedAt) return "idle";
  return isRevokeReason(session.revokedReason) ? byRevokeReason[session.revokedReason] : "ended";
}
