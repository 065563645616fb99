import { z } from "zod";
import { MAX_ID } from "./invoice";
import { storableInstant } from "./instant";
import { lineText } from "./text";

/** Every event the trail records, with the name people read. */
export const auditEventNames = {
  "login.ok": "Signed in",
  "login.failed": "Sign-in failed",
  "login.throttled": "Sign-in throttled",
  "refresh.grace_replay": "Token replayed in grace window",
  "refresh.lost_answer_replay": "Lost refresh answer replayed",
  "refresh.reuse_detected": "Token reuse detected",
  "refresh.account_error": "Refresh refused (account)",
  "refresh.wrong_key": "Refresh from another device key",
  "dpop.refused": "Device proof refused",
  logout: "Signed out",
  "key.rotated": "Signing key rotated",
  "password.changed": "Password changed",
  "reauth.succeeded": "Identity confirmed",
  "reauth.failed": "Identity confirmation failed",
  "mfa.challenged": "Second step asked for",
  "mfa.succeeded": "Second step passed",
  "mfa.failed": "Second step failed",
  "totp.enabled": "Two-step verification turned on",
  "totp.disabled": "Two-step verification turned off",
  "totp.reset_by_admin": "Two-step verification reset by admin",
  "recovery_code.used": "Recovery code used",
  "recovery_codes.regenerated": "Recovery codes replaced",
  "passkey.added": "Passkey added",
  "passkey.removed": "Passkey removed",
  "passkey.signed_in": "Signed in with a passkey",
  "passkey.failed": "Passkey refused",
  "passkey.clone_suspected": "Passkey counter went backwards",
  "user.created": "User created",
  "user.updated": "User updated",
  "user.role_changed": "Role changed",
  "user.disabled": "User disabled",
  "user.enabled": "User enabled",
  "user.password_reset": "Password reset by admin",
  "user.unlocked": "Sign-in lock cleared",
  "user.deleted": "User deleted",
  "session.revoked": "Session ended",
  "session.expired": "Session expired",
  "notification.not_me": "Sign-in reported as not theirs",
} as const;

export type AuditEventType = keyof typeof auditEventNames;

/**
 * Events whose subject nobody proved to be: a username only typed, or the owner of a passkey
 * whose assertion was refused (a clone, a replay); nobody is known to have acted.
 */
export const claimedIdentityEvents: readonly string[] = ["login.failed", "login.throttled", "passkey.failed", "passkey.clone_suspected"] satisfies AuditEventType[];
export const auditEventTypes = Object.keys(auditEventNames) as [AuditEventType, ...AuditEventType[]];
export const auditEventTypeSchema = z.enum(auditEventTypes);

export const auditRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  type: z.string(),
  /** Who acted: an admin, or the user themselves for their own sign-ins and sign-outs. */
  actorId: z.number().int().nullable(),
  actorUsername: z.string().nullable(),
  /** Whom the event concerns. */
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  familyId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).nullable(),
});
export type AuditRow = z.infer<typeof auditRowSchema>;

export const auditSortFields = ["id", "at", "type"] as const;

const instant = storableInstant();

export const auditFilterSchema = z
  .object({
    type: z.union([auditEventTypeSchema, z.array(auditEventTypeSchema).max(auditEventTypes.length)]).optional(),
    /** Events that concern this user or that they did. */
    userId: z.number().int().min(1).max(MAX_ID).optional(),
    /** Searches usernames (subject and actor), the address and the type. */
    q: lineText().max(200).optional(),
    from: instant.optional(),
    to: instant.optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const activityBucketSchema = z.object({
  start: z.string(),
  loginSucceeded: z.number().int(),
  loginFailed: z.number().int(),
  loginThrottled: z.number().int(),
  refreshed: z.number().int(),
  reuseDetected: z.number().int(),
  /** Second-step failures at sign-in (wrong code, locked): issue 24. */
  secondStepFailed: z.number().int(),
});
export type ActivityBucket = z.infer<typeof activityBucketSchema>;

export const activitySchema = z.object({ from: z.string(), to: z.string(), buckets: z.array(activityBucketSchema) });
export type Activity = z.infer<typeof activitySchema>;

const count = z.coerce.number().int();
/** `?hours=24` (1–168, hourly buckets) or `?days=30` (1–366, daily buckets, UTC days). */
export const activityQuerySchema = z.union([
  z.object({ hours: count.min(1).max(168) }).strict(),
  z.object({ days: count.min(1).max(366) }).strict(),
]);

export const summarySchema = z.object({
  users: z.number().int(),
  activeSessions: z.number().int(),
  signInsToday: z.number().int(),
  failedSignInsToday: z.number().int(),
});
export type Summary = z.infer<typeof summarySchema>;
