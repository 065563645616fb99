import { requirePrincipal } from "@/lib/auth/guard";
import { invoiceFilterSchema, invoiceInputSchema, invoiceSortFields } from "@/lib/contracts/invoice";
import { describeIssues, fieldIssues, parseListQuery } from "@/lib/contracts/list-query";
import { invoiceRepo } from "@/lib/db/invoice-repo";
import { errors } from "@/lib/http/api-error";
import { readJson } from "@/lib/http/request";
import { handle, json } from "@/lib/http/respond";
import { serverContext } from "@/lib/server/context";
import { mapWriteError, scopeOf } from "@/lib/server/invoice-scope";

export const dynamic = "force-dynamic";

export const GET = handle(async (request: Request) => {
  const ctx = serverContext();
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, new Date());
  const parsed = parseListQuery(new URL(request.url).searchParams, invoiceSortFields, invoiceFilterSchema, {
    field: "id",
    order: "ASC",
  });
  if (!parsed.ok) throw errors.validation(parsed.detail);
  const { rows, total } = await invoiceRepo(ctx.db).list(scopeOf(principal), parsed.query);
  const { start } = parsed.query.range;
  const end = rows.length ? start + rows.length - 1 : start;
  return json(rows, { headers: { "Content-Range": `invoices ${start}-${end}/${total}` } });
});

export const POST = handle(async (request: Request) => {
  const ctx = serverContext();
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, new Date());
  const parsed = invoiceInputSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const ownerId = principal.role === "admin" ? (parsed.data.ownerId ?? principal.userId) : principal.userId;
  const created = await invoiceRepo(ctx.db).create({ ...parsed.data, ownerId }).catch(mapWriteError);
  return json(created, { status: 201 });
});
