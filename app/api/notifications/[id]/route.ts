import { requirePrincipal } from "@/lib/auth/guard";
import { getNotification } from "@/lib/auth/notifications/notifications";
import { json } from "@/lib/http/respond";
import { parseId } from "@/lib/server/invoice-scope";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** One of the caller's notifications; anyone else's is 404. */
export const GET = route<{ id: string }>(async ({ request, ctx, now, params }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  return json(await getNotification(ctx, principal, parseId(params.id)));
});
