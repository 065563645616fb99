import { requirePrincipal } from "@/lib/auth/guard";
import { unlockUser } from "@/lib/auth/manage/users";
import { clientInfo } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { parseId } from "@/lib/server/invoice-scope";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Clears the user's failed-login locks. */
export const POST = route<{ id: string }>(async ({ request, ctx, now, params }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  return json(await unlockUser(ctx, principal, parseId(params.id), clientInfo(request), now));
});
