import { requirePrincipal } from "@/lib/auth/guard";
import { listSessions } from "@/lib/auth/manage/sessions";
import { parseListQuery } from "@/lib/contracts/list-query";
import { sessionFilterSchema, sessionSortFields } from "@/lib/contracts/sessions";
import { errors } from "@/lib/errors/catalog";
import { listResponse } from "@/lib/server/list-response";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = parseListQuery(new URL(request.url).searchParams, sessionSortFields, sessionFilterSchema, { field: "lastUsedAt", order: "DESC" });
  if (!parsed.ok) throw errors.validation(parsed.detail);
  const { rows, total } = await listSessions(ctx, principal, parsed.query, now);
  return listResponse("sessions", rows, total, parsed.query.range.start);
});
