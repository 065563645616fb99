import type { ActivityCounts, ActivityStats, BucketUnit } from "../auth/manage/storage";
import type { Database, Db } from "./client";
import { join, sql } from "./engine/engine";
import { countLive } from "./login-directory";

const UNIT_MS: Record<BucketUnit, number> = { hour: 3_600_000, day: 86_400_000 };

const COUNTED = {
  "login.ok": "loginSucceeded",
  "login.failed": "loginFailed",
  "login.throttled": "loginThrottled",
  "refresh.reuse_detected": "reuseDetected",
  "mfa.failed": "secondStepFailed",
} as const;

/** The start of the UTC hour or day `at` falls in. */
export const bucketStart = (at: Date, unit: BucketUnit) => new Date(Math.floor(at.getTime() / UNIT_MS[unit]) * UNIT_MS[unit]);

const HOUR_MS = UNIT_MS.hour;

/**
 * Rotations per UTC hour from `fromHour` up to (not including) `toHour`, hours since 1970:
 * those already added to RefreshActivity, plus each login's count for the hour it last
 * rotated in, which a trigger adds to RefreshActivity once a later hour begins.
 */
async function refreshesPerHour(db: Db, fromHour: number, toHour: number): Promise<Map<number, number>> {
  const hours = { gte: fromHour, lt: toHour };
  const [added, pending] = await Promise.all([
    db.refreshActivity.findMany({ where: { hour: hours } }),
    db.login.groupBy({ by: ["refreshHour"], where: { refreshHour: hours, refreshCount: { gt: 0 } }, _sum: { refreshCount: true } }),
  ]);
  const counts = new Map<number, number>();
  for (const { hour, count } of added) counts.set(hour, (counts.get(hour) ?? 0) + count);
  for (const { refreshHour, _sum } of pending) counts.set(refreshHour!, (counts.get(refreshHour!) ?? 0) + (_sum.refreshCount ?? 0));
  return counts;
}

export function prismaActivityStats({ db, engine }: Pick<Database, "db" | "engine">): ActivityStats {
  return {
    async buckets(from, to, unit) {
      const start = bucketStart(from, unit);
      const eventBucket = engine.dialect.dateBucket("at", unit);
      const [events, refreshes] = await Promise.all([
        engine.query<{ bucket: string; type: keyof typeof COUNTED; n: number | bigint }>(
          sql`SELECT ${eventBucket} AS "bucket", "type", COUNT(*) AS "n" FROM "AuditEvent"
            WHERE "at" >= ${start} AND "at" < ${to} AND "type" IN (${join(Object.keys(COUNTED))})
            GROUP BY ${eventBucket}, "type"`,
        ),
        refreshesPerHour(db, start.getTime() / HOUR_MS, Math.ceil(to.getTime() / HOUR_MS)),
      ]);
      const buckets = new Map<number, ActivityCounts>();
      for (let at = start.getTime(); at < to.getTime(); at += UNIT_MS[unit]) {
        buckets.set(at, { start: new Date(at), loginSucceeded: 0, loginFailed: 0, loginThrottled: 0, refreshed: 0, reuseDetected: 0, secondStepFailed: 0 });
      }
      for (const row of events) {
        const bucket = buckets.get(Date.parse(row.bucket));
        if (bucket) bucket[COUNTED[row.type]] += Number(row.n);
      }
      for (const [hour, count] of refreshes) {
        const bucket = buckets.get(bucketStart(new Date(hour * HOUR_MS), unit).getTime());
        if (bucket) bucket.refreshed += count;
      }
      return [...buckets.values()];
    },

    async summary(now, since) {
      const [users, activeSessions, signInsToday, failedSignInsToday] = await Promise.all([
        db.user.count(),
        countLive(db, now),
        db.auditEvent.count({ where: { type: "login.ok", at: { gte: since } } }),
        db.auditEvent.count({ where: { type: "login.failed", at: { gte: since } } }),
      ]);
      return { users, activeSessions, signInsToday, failedSignInsToday };
    },
  };
}
