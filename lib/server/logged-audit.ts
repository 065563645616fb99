import type { Logger } from "pino";
import type { AuditLog } from "../auth/storage";

/**
 * Writes each auth event to the audit table and one log line. The line names the event,
 * the user id, the login and the address, never a username (people type passwords into
 * that field), a token, a cookie or a hash.
 */
export function loggedAudit(audit: AuditLog, log: Logger): AuditLog {
  return {
    async record(event, now) {
      await audit.record(event, now);
      const level = event.type === "refresh.reuse_detected" || event.type === "login.throttled" ? "warn" : "info";
      log[level]({ event: event.type, userId: event.userId ?? undefined, familyId: event.familyId ?? undefined, ip: event.ip ?? undefined, ...event.detail }, "auth event");
    },
  };
}
