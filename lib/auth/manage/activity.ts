import type { Activity, Summary } from "../../contracts/audit";
import type { Principal } from "../guard";
import { type ManageContext, requireAdmin } from "./context";
import type { BucketUnit } from "./storage";

const UNIT_MS: Record<BucketUnit, number> = { hour: 3_600_000, day: 86_400_000 };

/** The last `count` hours or UTC days up to `now`, the current one included, counted by the database. */
export async function activity(ctx: ManageContext, principal: Principal, span: { unit: BucketUnit; count: number }, now: Date): Promise<Activity> {
  requireAdmin(principal);
  const size = UNIT_MS[span.unit];
  const from = new Date(Math.floor(now.getTime() / size) * size - (span.count - 1) * size);
  const to = new Date(now.getTime() + 1);
  const buckets = await ctx.manage.activity.buckets(from, to, span.unit);
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    buckets: buckets.map(({ start, ...counts }) => ({ start: start.toISOString(), ...counts })),
  };
}

/** The home page's cards; "today" is the UTC day. */
export async function summary(ctx: ManageContext, principal: Principal, now: Date): Promise<Summary> {
  requireAdmin(principal);
  const midnight = new Date(Math.floor(now.getTime() / UNIT_MS.day) * UNIT_MS.day);
  return ctx.manage.activity.summary(now, midnight);
}
