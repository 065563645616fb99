import { reauthenticateWithPasskey } from "@/lib/auth/factors/passkeys/reauthenticate";
import { requirePrincipal } from "@/lib/auth/guard";
import { reauthenticate } from "@/lib/auth/step-up/reauthenticate";
import { reauthenticateSchema } from "@/lib/contracts/auth";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { passkeyReauthenticateSchema } from "@/lib/contracts/passkeys";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { relyingPartyOf } from "@/lib/server/relying-party";
import { route } from "@/lib/server/route";
import { accessTokenResponse } from "@/lib/server/token-response";

export const dynamic = "force-dynamic";

const isPasskeyAnswer = (body: unknown) => typeof body === "object" && body !== null && "challenge_id" in body;

/**
 * Step-up: the signed-in person proves again who they are, for sensitive actions (RFC 9470),
 * with their password (and code) or with one of their passkeys (`{ challenge_id, credential }`).
 */
export const POST = route(async ({ request, ctx, now }) => {
  assertSameOrigin(request, ctx.config.appOrigin);
  const principal = await requirePrincipal(request.headers.get("authorization"), ctx, now);
  const body = await readJson(request);
  if (isPasskeyAnswer(body)) {
    const passkey = passkeyReauthenticateSchema.safeParse(body);
    if (!passkey.success) throw errors.validation(describeIssues(passkey.error), fieldIssues(passkey.error));
    const input = { challengeId: passkey.data.challenge_id, credential: passkey.data.credential, ...clientInfo(request) };
    return accessTokenResponse(await reauthenticateWithPasskey(ctx, relyingPartyOf(request, ctx.config.appOrigin), principal, input, now));
  }
  const parsed = reauthenticateSchema.safeParse(body);
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  const { password, otp, recovery_code } = parsed.data;
  const secondFactor = otp ? { otp } : recovery_code ? { recoveryCode: recovery_code } : undefined;
  return accessTokenResponse(await reauthenticate(ctx, principal, { password, secondFactor, ...clientInfo(request) }, now));
});
