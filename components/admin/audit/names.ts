import { type AuditRow, auditEventNames, claimedIdentityEvents } from "@/lib/contracts/audit";

export const eventName = (type: string) => (auditEventNames as Record<string, string>)[type] ?? type;

/** Who acted; for a failed or throttled sign-in, the name that was only typed. */
export const actorText = (record: AuditRow): string | null =>
  claimedIdentityEvents.includes(record.type) ? (record.username ? `attempted as ${record.username}` : null) : record.actorUsername;

export const eventChoices = Object.entries(auditEventNames).map(([id, name]) => ({ id, name }));
