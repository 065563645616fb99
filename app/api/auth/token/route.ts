import { readRefreshCookie } from "@/lib/auth/sessions/cookie";
import { login } from "@/lib/auth/login";
import { loginRequestSchema } from "@/lib/contracts/auth";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readFormOrJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { route } from "@/lib/server/route";
import { tokenResponse } from "@/lib/server/token-response";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, ctx, now }) => {
  assertSameOrigin(request, ctx.config.appOrigin);
  const parsed = loginRequestSchema.safeParse(await readFormOrJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const secure = ctx.config.secureCookies;
  const presentedRefreshToken = readRefreshCookie(request.headers.get("cookie"), { secure });
  const issued = await login(ctx, { ...parsed.data, presentedRefreshToken, ...clientInfo(request) }, now);
  return tokenResponse(issued, secure);
});
