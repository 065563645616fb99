import { requirePrincipal } from "@/lib/auth/guard";
import { signOutUser } from "@/lib/auth/manage/users";
import { clientInfo } from "@/lib/http/request";
import { json } from "@/lib/http/respond";
import { parseId } from "@/lib/server/invoice-scope";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Ends every login of the user ("sign out everywhere"). */
export const POST = route<{ id: string }>(async ({ request, ctx, now, params }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  return json(await signOutUser(ctx, principal, parseId(params.id), clientInfo(request), now));
});
