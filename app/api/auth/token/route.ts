import { readRefreshCookie } from "@/lib/auth/cookie";
import { login } from "@/lib/auth/login";
import { describeIssues } from "@/lib/contracts/list-query";
import { loginRequestSchema } from "@/lib/contracts/auth";
import { errors } from "@/lib/http/api-error";
import { clientInfo, readFormOrJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { handle } from "@/lib/http/respond";
import { serverContext } from "@/lib/server/context";
import { tokenResponse } from "@/lib/server/token-response";

export const dynamic = "force-dynamic";

export const POST = handle(async (request: Request) => {
  const ctx = serverContext();
  assertSameOrigin(request, ctx.config.appOrigin);
  const parsed = loginRequestSchema.safeParse(await readFormOrJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error));
  const secure = ctx.config.secureCookies;
  const issued = await login(
    ctx,
    {
      ...parsed.data,
      presentedRefreshToken: readRefreshCookie(request.headers.get("cookie"), { secure }),
      ...clientInfo(request),
    },
    new Date(),
  );
  return tokenResponse(issued, secure);
});
