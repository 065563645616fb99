import { getPasskey, removePasskey, renamePasskey } from "@/lib/auth/factors/passkeys/manage";
import { requirePrincipal } from "@/lib/auth/guard";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { passkeyRenameSchema } from "@/lib/contracts/passkeys";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readJson } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { parseId } from "@/lib/server/invoice-scope";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** One of the caller's passkeys; anyone else's is 404. */
export const GET = route<Params>(async ({ request, ctx, now, params }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  return json(await getPasskey(ctx, principal, parseId(params.id)));
});

/** Renames one of the caller's passkeys. */
export const PUT = route<Params>(async ({ request, ctx, now, params }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const id = parseId(params.id);
  const parsed = passkeyRenameSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  return json(await renamePasskey(ctx, principal, id, parsed.data.name));
});

/** Removes one of the caller's passkeys (sensitive); the answer is the passkey as it was. */
export const DELETE = route<Params>(async ({ request, ctx, now, params }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  return json(await removePasskey(ctx, principal, parseId(params.id), clientInfo(request), now));
});
