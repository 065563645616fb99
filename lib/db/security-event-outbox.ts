import { randomUUID } from "node:crypto";
import type { SecurityEventOutbox, SecurityEventPayload } from "../auth/notifications/webhook/port";
import type { Database } from "./client";
import { sql, type TransactionDb } from "./engine/engine";

/** An event as it enters the outbox; its id and payload are made here. */
export interface SecurityEventInput {
  type: string;
  at: Date;
  userId: number | null;
  username: string | null;
  detail: Record<string, unknown>;
}

/**
 * Adds events to the operators' webhook outbox inside `tx`, the transaction of the event
 * itself, so an event is delivered only if it committed and never lost once it has.
 */
export async function enqueueSecurityEvents(tx: TransactionDb, events: readonly SecurityEventInput[]): Promise<void> {
  if (!events.length) return;
  await tx.securityEventOutbox.createMany({
    data: events.map((event) => {
      const eventId = randomUUID();
      const payload: SecurityEventPayload = { id: eventId, type: event.type, at: event.at.toISOString(), userId: event.userId, username: event.username, detail: event.detail };
      return { eventId, userId: event.userId, type: event.type, payload: JSON.stringify(payload), createdAt: event.at, nextAttemptAt: event.at };
    }),
  });
}

const pending = { deliveredAt: null, givenUpAt: null } as const;

/** The outbox on SQLite and PostgreSQL alike; every instance's worker shares it. */
export function prismaSecurityEventOutbox({ db, engine }: Pick<Database, "db" | "engine">): SecurityEventOutbox {
  return {
    async claim(worker, now, until, limit) {
      // The oldest pending event of each user (or one without a user) that is due and not leased.
      const due = await engine.query<{ id: number | bigint }>(sql`SELECT o."id" FROM "SecurityEventOutbox" o
        WHERE o."deliveredAt" IS NULL AND o."givenUpAt" IS NULL AND o."nextAttemptAt" <= ${now}
          AND (o."claimedUntil" IS NULL OR o."claimedUntil" < ${now})
          AND NOT EXISTS (SELECT 1 FROM "SecurityEventOutbox" e WHERE e."userId" = o."userId" AND e."id" < o."id"
            AND e."deliveredAt" IS NULL AND e."givenUpAt" IS NULL)
        ORDER BY o."id" LIMIT ${limit}`);
      const claimed: number[] = [];
      for (const { id } of due) {
        // The lease: whoever's conditional UPDATE changes the row holds it; the other instance's changes nothing.
        const taken = await db.securityEventOutbox.updateMany({
          where: { id: Number(id), ...pending, OR: [{ claimedUntil: null }, { claimedUntil: { lt: now } }] },
          data: { claimedBy: worker, claimedUntil: until },
        });
        if (taken.count === 1) claimed.push(Number(id));
      }
      if (!claimed.length) return [];
      return db.securityEventOutbox.findMany({
        where: { id: { in: claimed } },
        select: { id: true, eventId: true, userId: true, payload: true, createdAt: true, attempts: true },
        orderBy: { id: "asc" },
      });
    },

    async settle(id, worker, outcome, now) {
      const held = { id, claimedBy: worker, ...pending };
      const released = { claimedBy: null, claimedUntil: null, attempts: { increment: 1 } };
      const data = outcome.delivered
        ? { ...released, deliveredAt: now, lastError: null }
        : { ...released, lastError: outcome.error.slice(0, 500), ...(outcome.retryAt ? { nextAttemptAt: outcome.retryAt } : { givenUpAt: now }) };
      await db.securityEventOutbox.updateMany({ where: held, data });
    },

    async prune(before) {
      const pruned = await db.securityEventOutbox.deleteMany({ where: { OR: [{ deliveredAt: { lt: before } }, { givenUpAt: { lt: before } }] } });
      return pruned.count;
    },
  };
}
