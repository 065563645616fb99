import type { AuditEventType } from "../../contracts/audit";

export type { AuditEventType };

export interface AuditEventInput {
  type: AuditEventType;
  /** Whom the event concerns. */
  userId?: number | null;
  username?: string | null;
  /** The admin who acted on them; left out when people act on their own account. */
  actorId?: number | null;
  actorUsername?: string | null;
  familyId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Small facts only: never a password, a token or a hash. */
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditLog {
  record(event: AuditEventInput, now: Date): Promise<void>;
}
