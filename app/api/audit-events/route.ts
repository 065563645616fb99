import { listAuditEvents } from "@/lib/auth/manage/audit-trail";
import { requireAdmin } from "@/lib/auth/manage/context";
import { requirePrincipal } from "@/lib/auth/guard";
import { auditFilterSchema, auditSortFields } from "@/lib/contracts/audit";
import { parseListQuery } from "@/lib/contracts/list-query";
import { errors } from "@/lib/errors/catalog";
import { listResponse } from "@/lib/server/list-response";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Read-only, admins only, newest first unless asked otherwise. */
export const GET = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  requireAdmin(principal);
  const parsed = parseListQuery(new URL(request.url).searchParams, auditSortFields, auditFilterSchema, { field: "id", order: "DESC" });
  if (!parsed.ok) throw errors.validation(parsed.detail);
  const { rows, total } = await listAuditEvents(ctx, principal, parsed.query);
  return listResponse("audit-events", rows, total, parsed.query.range.start);
});
