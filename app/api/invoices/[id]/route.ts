import { requirePrincipal } from "@/lib/auth/guard";
import { invoiceUpdateSchema } from "@/lib/contracts/invoice";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { errors } from "@/lib/errors/catalog";
import { readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { assertMayAssign, mapWriteError, parseId, scopeOf } from "@/lib/server/invoice-scope";
import { route, type RouteInput } from "@/lib/server/route";

export const dynamic = "force-dynamic";

type Params = { id: string };

async function target({ request, ctx, now, params }: RouteInput<Params>) {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  return { principal, repo: ctx.invoices, scope: scopeOf(principal), id: parseId(params.id) };
}

const notFound = () => errors.notFound("No such invoice.");

export const GET = route<Params>(async (input) => {
  const { repo, scope, id } = await target(input);
  const invoice = await repo.get(scope, id);
  if (!invoice) throw notFound();
  return json(invoice);
});

export const PUT = route<Params>(async (input) => {
  const { principal, repo, scope, id } = await target(input);
  // Out of scope is 404 before the body is read, so no body can tell it apart from missing.
  if (!(await repo.get(scope, id))) throw notFound();
  const parsed = invoiceUpdateSchema.safeParse(await readJson(input.request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  assertMayAssign(principal, parsed.data.ownerId);
  const updated = await repo.update(scope, id, parsed.data).catch(mapWriteError);
  if (!updated) throw notFound();
  return json(updated);
});

export const DELETE = route<Params>(async (input) => {
  const { repo, scope, id } = await target(input);
  const deleted = await repo.delete(scope, id);
  if (!deleted) throw notFound();
  return json(deleted);
});
