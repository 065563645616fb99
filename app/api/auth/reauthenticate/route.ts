import { requirePrincipal } from "@/lib/auth/guard";
import { reauthenticate } from "@/lib/auth/step-up/reauthenticate";
import { reauthenticateSchema } from "@/lib/contracts/auth";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { route } from "@/lib/server/route";
import { accessTokenResponse } from "@/lib/server/token-response";

export const dynamic = "force-dynamic";

/** Step-up: the signed-in person proves again who they are, for sensitive actions (RFC 9470). */
export const POST = route(async ({ request, ctx, now }) => {
  assertSameOrigin(request, ctx.config.appOrigin);
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = reauthenticateSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const { password, otp, recovery_code } = parsed.data;
  const secondFactor = otp ? { otp } : recovery_code ? { recoveryCode: recovery_code } : undefined;
  const { access, sessionExpiresAt } = await reauthenticate(ctx, principal, { password, secondFactor, ...clientInfo(request) }, now);
  return accessTokenResponse(access, sessionExpiresAt);
});
