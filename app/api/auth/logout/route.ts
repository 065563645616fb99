import { readRefreshCookie } from "@/lib/auth/cookie";
import { logout } from "@/lib/auth/logout";
import { clientInfo } from "@/lib/http/request";
import { noContent } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { route } from "@/lib/server/route";
import { withClearedCookie } from "@/lib/server/token-response";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, ctx, now }) => {
  assertSameOrigin(request, ctx.config.appOrigin);
  const secure = ctx.config.secureCookies;
  await logout(ctx, readRefreshCookie(request.headers.get("cookie"), { secure }), clientInfo(request), now);
  return withClearedCookie(noContent(), secure);
});
