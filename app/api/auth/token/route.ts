import { finishSecondStep } from "@/lib/auth/factors/mfa-challenge/finish";
import { issueChallenge } from "@/lib/auth/factors/mfa-challenge/issue";
import { finishSecondStepWithPasskey } from "@/lib/auth/factors/passkeys/second-step";
import { signInWithPasskey } from "@/lib/auth/factors/passkeys/sign-in";
import { readRefreshCookie } from "@/lib/auth/sessions/cookie";
import { deviceKeyForSignIn } from "@/lib/auth/device-binding/sign-in";
import { signIn } from "@/lib/auth/login";
import { loginRequestSchema } from "@/lib/contracts/auth";
import { describeIssues, fieldIssues } from "@/lib/contracts/list-query";
import { mfaOtpGrantSchema, mfaRecoveryGrantSchema } from "@/lib/contracts/mfa";
import { mfaPasskeyGrantSchema, passkeyGrantSchema } from "@/lib/contracts/passkeys";
import { errors } from "@/lib/errors/catalog";
import { clientInfo, readFormOrJson } from "@/lib/http/request";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { deviceProofOf } from "@/lib/server/device-proof";
import { mfaRequiredResponse, secondStepResponse } from "@/lib/server/mfa-responses";
import { relyingPartyOf } from "@/lib/server/relying-party";
import { route } from "@/lib/server/route";
import { tokenResponse } from "@/lib/server/token-response";
import type { z } from "zod";

export const dynamic = "force-dynamic";

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw errors.validation(describeIssues(parsed.error), fieldIssues(parsed.error));
  return parsed.data;
}

function secondStepGrant(body: Record<string, unknown>) {
  if (body.grant_type === "mfa_otp") {
    const grant = parse(mfaOtpGrantSchema, body);
    return { mfaToken: grant.mfa_token, answer: { otp: grant.otp } };
  }
  const grant = parse(mfaRecoveryGrantSchema, body);
  return { mfaToken: grant.mfa_token, answer: { recoveryCode: grant.recovery_code } };
}

/**
 * The password grant, and the second step's grants (`mfa_otp`, `mfa_recovery_code`, `mfa_passkey`)
 * for a user with TOTP, whose password step answers 403 MFA_REQUIRED with an mfa_token instead
 * of a session; and `passkey`, a sign-in by passkey alone (JSON, docs/passkeys.md). A valid
 * `DPoP` proof binds the new login to its key (docs/dpop.md); a bad one refuses the sign-in.
 */
export const POST = route(async ({ request, ctx, now }) => {
  assertSameOrigin(request, ctx.config.appOrigin);
  const body = await readFormOrJson(request);
  const secure = ctx.config.secureCookies;
  const presentedRefreshToken = readRefreshCookie(request.headers.get("cookie"), { secure });
  const client = clientInfo(request);
  const deviceKey = await deviceKeyForSignIn(ctx, deviceProofOf(request, ctx.config.appOrigin), client, now);

  if (body.grant_type === "passkey") {
    const grant = parse(passkeyGrantSchema, body);
    const input = { challengeId: grant.challenge_id, credential: grant.credential, presentedRefreshToken, deviceKey, ...client };
    return tokenResponse(await signInWithPasskey(ctx, relyingPartyOf(request, ctx.config.appOrigin), input, now), secure);
  }
  if (body.grant_type === "mfa_passkey") {
    const grant = parse(mfaPasskeyGrantSchema, body);
    const input = { mfaToken: grant.mfa_token, challengeId: grant.challenge_id, credential: grant.credential, presentedRefreshToken, deviceKey, ...client };
    return secondStepResponse(await finishSecondStepWithPasskey(ctx, relyingPartyOf(request, ctx.config.appOrigin), input, now), secure);
  }
  if (body.grant_type === "mfa_otp" || body.grant_type === "mfa_recovery_code") {
    return secondStepResponse(await finishSecondStep(ctx, { ...secondStepGrant(body), presentedRefreshToken, deviceKey, ...client }, now), secure);
  }

  const credentials = parse(loginRequestSchema, body);
  const outcome = await signIn(ctx, { ...credentials, presentedRefreshToken, deviceKey, ...client }, now);
  if (outcome.state === "second_step_required") return mfaRequiredResponse(await issueChallenge(ctx, outcome.proof, client, now, outcome.step));
  return tokenResponse(outcome.session, secure);
});
