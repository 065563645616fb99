import { requirePrincipal } from "@/lib/auth/guard";
import { endSession } from "@/lib/auth/manage/sessions";
import { errors } from "@/lib/errors/catalog";
import { clientInfo } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

const FAMILY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Ends one login (all of its tokens); the answer is the login as it was. */
export const DELETE = route<{ id: string }>(async ({ request, ctx, now, params }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  if (!FAMILY_ID.test(params.id)) throw errors.validation("id must be a session id", { id: "Not a valid id" });
  return json(await endSession(ctx, principal, params.id, clientInfo(request), now));
});
