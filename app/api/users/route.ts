import { requirePrincipal } from "@/lib/auth/guard";
import { requireAdmin } from "@/lib/auth/manage/context";
import { createUser, toUserRow } from "@/lib/auth/manage/users";
import { describeIssues, fieldIssues, parseListQuery } from "@/lib/contracts/list-query";
import { userCreateSchema, userFilterSchema, userSortFields } from "@/lib/contracts/users";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { listResponse } from "@/lib/server/list-response";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(async ({ request, ctx, now }) => {
  requireAdmin(await requirePrincipal(request.headers.get("authorization"), ctx, now));
  const parsed = parseListQuery(new URL(request.url).searchParams, userSortFields, userFilterSchema, { field: "id", order: "ASC" });
  if (!parsed.ok) throw errors.validation(parsed.detail);
  const { rows, total } = await ctx.manage.users.list(parsed.query, now);
  return listResponse("users", rows.map(toUserRow), total, parsed.query.range.start);
});

export const POST = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  requireAdmin(principal);
  const parsed = userCreateSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  return json(await createUser(ctx, principal, { ...parsed.data, ...clientInfo(request) }, now), { status: 201 });
});
