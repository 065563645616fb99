import { requirePrincipal } from "@/lib/auth/guard";
import { requireAdmin } from "@/lib/auth/manage/context";
import { deleteUser, getUser, updateUser } from "@/lib/auth/manage/users";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { userUpdateSchema } from "@/lib/contracts/users";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { parseId } from "@/lib/server/invoice-scope";
import { route, type RouteInput } from "@/lib/server/route";

export const dynamic = "force-dynamic";

type Params = { id: string };

async function target({ request, ctx, now, params }: RouteInput<Params>) {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  requireAdmin(principal);
  return { principal, id: parseId(params.id) };
}

export const GET = route<Params>(async (input) => {
  const { principal, id } = await target(input);
  return json(await getUser(input.ctx, principal, id, input.now));
});

export const PUT = route<Params>(async (input) => {
  const { principal, id } = await target(input);
  const parsed = userUpdateSchema.safeParse(await readJson(input.request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  return json(await updateUser(input.ctx, principal, id, { ...parsed.data, ...clientInfo(input.request) }, input.now));
});

export const DELETE = route<Params>(async (input) => {
  const { principal, id } = await target(input);
  return json(await deleteUser(input.ctx, principal, id, clientInfo(input.request), input.now));
});
