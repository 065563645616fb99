import { requirePrincipal } from "@/lib/auth/guard";
import { summary } from "@/lib/auth/manage/activity";
import { json } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** The admin home page's cards: users, live logins, sign-ins and failed sign-ins since UTC midnight. */
export const GET = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  return json(await summary(ctx, principal, now));
});
