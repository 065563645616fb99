import { requirePrincipal } from "@/lib/auth/guard";
import { invoiceUpdateSchema } from "@/lib/contracts/invoice";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { invoiceRepo } from "@/lib/db/invoice-repo";
import { errors } from "@/lib/http/api-error";
import { readJson } from "@/lib/http/request";
import { handle, json } from "@/lib/http/respond";
import { serverContext } from "@/lib/server/context";
import { mapWriteError, parseId, scopeOf } from "@/lib/server/invoice-scope";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

async function target(request: Request, { params }: Params) {
  const ctx = serverContext();
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, new Date());
  return { repo: invoiceRepo(ctx.db), scope: scopeOf(principal), id: parseId((await params).id) };
}

const notFound = () => errors.notFound("No such invoice.");

export const GET = handle(async (request: Request, context: Params) => {
  const { repo, scope, id } = await target(request, context);
  const invoice = await repo.get(scope, id);
  if (!invoice) throw notFound();
  return json(invoice);
});

export const PUT = handle(async (request: Request, context: Params) => {
  const { repo, scope, id } = await target(request, context);
  const parsed = invoiceUpdateSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const updated = await repo.update(scope, id, parsed.data).catch(mapWriteError);
  if (!updated) throw notFound();
  return json(updated);
});

export const DELETE = handle(async (request: Request, context: Params) => {
  const { repo, scope, id } = await target(request, context);
  const deleted = await repo.delete(scope, id);
  if (!deleted) throw notFound();
  return json(deleted);
});
