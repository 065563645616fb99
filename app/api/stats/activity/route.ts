import { requirePrincipal } from "@/lib/auth/guard";
import { activity } from "@/lib/auth/manage/activity";
import { requireAdmin } from "@/lib/auth/manage/context";
import { activityQuerySchema } from "@/lib/contracts/audit";
import { describeIssues } from "@/lib/contracts/list-query";
import { errors } from "@/lib/errors/catalog";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** `?hours=24` (hourly buckets, the default) or `?days=30` (UTC days). */
export const GET = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  requireAdmin(principal);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = activityQuerySchema.safeParse(Object.keys(params).length ? params : { hours: 24 });
  if (!parsed.success) throw errors.validation(`Ask for ?hours=1…168 or ?days=1…366: ${describeIssues(parsed.error)}`);
  const span = "hours" in parsed.data ? { unit: "hour" as const, count: parsed.data.hours } : { unit: "day" as const, count: parsed.data.days };
  return json(await activity(ctx, principal, span, now));
});
