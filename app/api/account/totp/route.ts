import { startTotpEnrolment } from "@/lib/auth/factors/totp/enrolment";
import { turnOffTotp } from "@/lib/auth/factors/totp/turn-off";
import { requirePrincipal } from "@/lib/auth/guard";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { totpCodeRequestSchema, type TotpEnrolment } from "@/lib/contracts/mfa";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readJson } from "@/lib/http/request";
import { json, noContent } from "@/lib/http/respond";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

/** Starts setting up TOTP (sensitive): a new secret and its otpauth URI; nothing is on until confirmed. */
export const POST = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const { secret, otpauthUri } = await startTotpEnrolment(ctx, principal, now);
  const body: TotpEnrolment = { secret, otpauth_uri: otpauthUri };
  return json(body);
});

/** Turns TOTP off (sensitive), with a current code in the body; the recovery codes go too. */
export const DELETE = route(async ({ request, ctx, now }) => {
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const parsed = totpCodeRequestSchema.safeParse(await readJson(request));
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  await turnOffTotp(ctx, principal, parsed.data.code, clientInfo(request), now);
  return noContent();
});
