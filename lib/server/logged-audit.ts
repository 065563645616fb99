import type { Logger } from "pino";
import type { AuditEventType, AuditLog } from "../auth/storage";

/**
 * Writes each auth event to the audit table and one log line. The line names the event,
 * the user id, the login and the address, never a username (people type passwords into
 * that field), a token, a cookie or a hash.
 */
/** Events an operator should see without asking: a stolen token or cookie, a guessing address, a cloned authenticator. */
const WARNINGS = new Set<AuditEventType>(["refresh.reuse_detected", "refresh.wrong_key", "login.throttled", "passkey.clone_suspected"]);

export function loggedAudit(audit: AuditLog, log: Logger): AuditLog {
  return {
    async record(event, now) {
      await audit.record(event, now);
      const level = WARNINGS.has(event.type) ? "warn" : "info";
      log[level]({ event: event.type, userId: event.userId ?? undefined, familyId: event.familyId ?? undefined, ip: event.ip ?? undefined, ...event.detail }, "auth event");
    },
  };
}
