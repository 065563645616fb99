import { requirePrincipal } from "@/lib/auth/guard";
import { resetSecondFactor } from "@/lib/auth/manage/reset-second-factor";
import { clientInfo } from "@/lib/http/request";
import { noContent } from "@/lib/http/respond";
import { parseId } from "@/lib/server/invoice-scope";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Removes the user's TOTP and recovery codes and ends their logins (admin, sensitive). */
export const POST = route<{ id: string }>(async ({ request, ctx, now, params }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  await resetSecondFactor(ctx, principal, parseId(params.id), clientInfo(request), now);
  return noContent();
});
