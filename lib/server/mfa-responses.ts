import type { IssuedChallenge } from "../auth/factors/mfa-challenge/issue";
import type { SecondStepDone } from "../auth/factors/mfa-challenge/finish";
import type { MfaRequiredBody } from "../contracts/mfa";
import { json } from "../http/respond";
import { tokenResponse } from "./token-response";

/** The password step of a user with TOTP: 403 with the mfa_token, and no cookie. */
export function mfaRequiredResponse(challenge: IssuedChallenge): Response {
  const body: MfaRequiredBody = {
    detail: "Enter the code from your authenticator app.",
    code: "MFA_REQUIRED",
    mfa_token: challenge.mfaToken,
    mfa_methods: [...challenge.methods],
  };
  return json(body, { status: 403 });
}

/** The second step's answer: the normal token body and cookie, plus the recovery codes left after one was used. */
export async function secondStepResponse(done: SecondStepDone, secureCookies: boolean): Promise<Response> {
  const response = tokenResponse(done.session, secureCookies);
  if (done.recoveryCodesLeft === undefined) return response;
  const body = { ...((await response.json()) as object), recovery_codes_left: done.recoveryCodesLeft };
  return json(body, { headers: { "Set-Cookie": response.headers.get("Set-Cookie")! } });
}
