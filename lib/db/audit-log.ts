import type { AuditEventInput } from "../auth/audit/storage";
import { deviceName } from "../auth/manage/device";
import type { AuditLog } from "../auth/storage";
import type { Database } from "./client";
import type { TransactionDb } from "./engine/engine";
import { enqueueSecurityEvents } from "./security-event-outbox";

/**
 * The audit table. An administrator's action (an event with an acting admin) also goes to the
 * operators' webhook outbox when it is on, in the same transaction as its audit row.
 */
export function prismaAuditLog({ db, engine, outbox }: Pick<Database, "db" | "engine" | "outbox">): AuditLog {
  const write = (tx: TransactionDb, event: AuditEventInput, now: Date) =>
    tx.auditEvent.create({
      data: {
        at: now,
        type: event.type,
        userId: event.userId ?? null,
        username: event.username?.slice(0, 150) ?? null,
        actorId: event.actorId ?? null,
        actorUsername: event.actorUsername?.slice(0, 150) ?? null,
        familyId: event.familyId ?? null,
        ip: event.ip?.slice(0, 64) ?? null,
        userAgent: event.userAgent?.slice(0, 512) ?? null,
        detail: event.detail ? JSON.stringify(event.detail) : null,
      },
      select: { id: true },
    });
  return {
    async record(event, now) {
      if (!outbox || event.actorId == null) {
        await write(db, event, now);
        return;
      }
      await engine.transaction(async ({ db: tx }) => {
        await write(tx, event, now);
        await enqueueSecurityEvents(tx, [adminEvent(event, now)]);
      });
    },
  };
}

/** An admin audit event as the webhook tells it: whom it concerns, who acted, from where. */
function adminEvent(event: AuditEventInput, now: Date) {
  const detail = {
    device: deviceName(event.userAgent ?? null),
    ip: event.ip ?? null,
    at: now.toISOString(),
    actorId: event.actorId ?? null,
    actorUsername: event.actorUsername ?? null,
    ...(event.familyId && { sessionId: event.familyId }),
    ...event.detail,
  };
  return { type: event.type, at: now, userId: event.userId ?? null, username: event.username ?? null, detail };
}
