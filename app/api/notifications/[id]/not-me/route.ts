import { requirePrincipal } from "@/lib/auth/guard";
import { notMe } from "@/lib/auth/notifications/notifications";
import { clientInfo } from "@/lib/http/request";
import { noContent } from "@/lib/http/respond";
import { parseId } from "@/lib/server/invoice-scope";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** "This wasn't me": ends the login the notice names. Protective, so no fresh proof is asked. */
export const POST = route<{ id: string }>(async ({ request, ctx, now, params }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  await notMe(ctx, principal, parseId(params.id), clientInfo(request), now);
  return noContent();
});
