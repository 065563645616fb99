import type { Db } from "./client";

export type AuditEventType =
  | "login.ok"
  | "login.failed"
  | "login.throttled"
  | "refresh.grace_replay"
  | "refresh.reuse_detected"
  | "refresh.account_error"
  | "logout"
  | "key.rotated"
  | "password.changed";

export interface AuditEventInput {
  type: AuditEventType;
  userId?: number | null;
  username?: string | null;
  familyId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Small facts only: never a password, a token or a hash. */
  detail?: Record<string, string | number | boolean | null>;
}

export function auditRepo(db: Db) {
  return {
    record: (event: AuditEventInput, now: Date) =>
      db.auditEvent.create({
        data: {
          at: now,
          type: event.type,
          userId: event.userId ?? null,
          username: event.username?.slice(0, 150) ?? null,
          familyId: event.familyId ?? null,
          ip: event.ip?.slice(0, 64) ?? null,
          userAgent: event.userAgent?.slice(0, 512) ?? null,
          detail: event.detail ? JSON.stringify(event.detail) : null,
        },
      }),
  };
}
