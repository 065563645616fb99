import type { AuditLog } from "../auth/storage";
import type { Db } from "./client";

export function prismaAuditLog(db: Db): AuditLog {
  return {
    async record(event, now) {
      await db.auditEvent.create({
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
      });
    },
  };
}
