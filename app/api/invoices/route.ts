import { requirePrincipal } from "@/lib/auth/guard";
import { invoiceFilterSchema, invoiceInputSchema, invoiceSortFields } from "@/lib/contracts/invoice";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { errors } from "@/lib/errors/catalog";
import { listQueryReader } from "@/lib/http/list-query";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { assertMayAssign, mapWriteError, scopeOf } from "@/lib/server/invoice-scope";
import { listResponse } from "@/lib/server/list-response";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const listQuery = listQueryReader(invoiceSortFields, invoiceFilterSchema, { field: "id", order: "ASC" });

export const GET = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = listQuery(request);
  if (!parsed.ok) throw errors.validation(parsed.detail);
  const { rows, total } = await ctx.invoices.list(scopeOf(principal), parsed.query);
  return listResponse("invoices", rows, total, parsed.query.range.start);
});

export const POST = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = invoiceInputSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  assertMayAssign(principal, parsed.data.ownerId);
  const ownerId = parsed.data.ownerId ?? principal.userId;
  const created = await ctx.invoices.create({ ...parsed.data, ownerId }).catch(mapWriteError);
  return json(created, { status: 201 });
});
