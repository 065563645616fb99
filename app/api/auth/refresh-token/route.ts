import { readRefreshCookie } from "@/lib/auth/sessions/cookie";
import { refresh } from "@/lib/auth/sessions/refresh";
import { isDomainError } from "@/lib/errors/domain-error";
import { clientInfo } from "@/lib/http/request";
import { SESSION_PROBE_HEADER } from "@/lib/contracts/session-end";
import { httpStatusOf } from "@/lib/http/error-status";
import { domainErrorResponse, noContent } from "@/lib/http/respond";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { deviceProofOf } from "@/lib/server/device-proof";
import { route } from "@/lib/server/route";
import { tokenResponse, withClearedCookie } from "@/lib/server/token-response";

export const dynamic = "force-dynamic";

const DEVICE_PROOF_REFUSALS: ReadonlySet<string> = new Set(["dpop_required", "dpop_invalid"]);

export const POST = route(async ({ request, ctx, now }) => {
  assertSameOrigin(request, ctx.config.appOrigin);
  const secure = ctx.config.secureCookies;
  const token = readRefreshCookie(request.headers.get("cookie"), { secure });
  // The dashboard's first question on load; API clients that do not opt in keep the 401.
  if (!token && request.headers.get(SESSION_PROBE_HEADER) === "1") return noContent();
  try {
    return tokenResponse(await refresh(ctx, token, clientInfo(request), now, deviceProofOf(request, ctx.config.appOrigin)), secure);
  } catch (error) {
    // A dead refresh token is of no further use to the browser: drop it. A missing or bad
    // device proof leaves the login alive, and its cookie with it.
    if (isDomainError(error) && DEVICE_PROOF_REFUSALS.has(error.kind)) return domainErrorResponse(error);
    if (isDomainError(error) && httpStatusOf(error) === 401) return withClearedCookie(domainErrorResponse(error), secure);
    throw error;
  }
});
