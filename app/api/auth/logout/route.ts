import { readRefreshCookie } from "@/lib/auth/cookie";
import { logout } from "@/lib/auth/logout";
import { clientInfo } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { handle, noContent } from "@/lib/http/respond";
import { serverContext } from "@/lib/server/context";
import { withClearedCookie } from "@/lib/server/token-response";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  const ctx = serverContext();
  assertSameOrigin(request, ctx.config.appOrigin);
  const secure = ctx.config.secureCookies;
  await logout(ctx, readRefreshCookie(request.headers.get("cookie"), { secure }), clientInfo(request), new Date());
  return withClearedCookie(noContent(), secure);
});
