import { readRefreshCookie } from "@/lib/auth/sessions/cookie";
import { logoutScope } from "@/lib/auth/sessions/logout";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { logoutRequestSchema } from "@/lib/contracts/sessions";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, mediaType, readJson } from "@/lib/http/request";
import { noContent } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { route } from "@/lib/server/route";
import { withClearedCookie } from "@/lib/server/token-response";

export const dynamic = "force-dynamic";

/** A plain POST ends this login; JSON `{"scope":"others"|"all"}` ends the user's other logins, or all. */
export const POST = route(async ({ request, ctx, now }) => {
  assertSameOrigin(request, ctx.config.appOrigin);
  const parsed = mediaType(request) === "application/json" ? logoutRequestSchema.safeParse(await readJson(request)) : null;
  if (parsed && !parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const secure = ctx.config.secureCookies;
  const token = readRefreshCookie(request.headers.get("cookie"), { secure });
  const ended = await logoutScope(ctx, token, parsed?.data.scope ?? "current", clientInfo(request), now);
  return ended ? withClearedCookie(noContent(), secure) : noContent();
});
