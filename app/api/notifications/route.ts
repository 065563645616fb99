import { requirePrincipal } from "@/lib/auth/guard";
import { listNotifications } from "@/lib/auth/notifications/notifications";
import { parseListQuery } from "@/lib/contracts/list-query";
import { notificationFilterSchema, notificationSortFields } from "@/lib/contracts/notifications";
import { errors } from "@/lib/errors/catalog";
import { listResponse } from "@/lib/server/list-response";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The caller's own security notifications, newest first, as a ra-data-simple-rest list. */
export const GET = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = parseListQuery(new URL(request.url).searchParams, notificationSortFields, notificationFilterSchema, { field: "createdAt", order: "DESC" });
  if (!parsed.ok) throw errors.validation(parsed.detail);
  const { rows, total } = await listNotifications(ctx, principal, parsed.query);
  return listResponse("notifications", rows, total, parsed.query.range.start);
});
