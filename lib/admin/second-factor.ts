import { type MfaMethod, mfaErrorBodySchema, mfaRequiredBodySchema, mfaTokenResponseSchema } from "../contracts/mfa";
import type { PasskeyProof } from "./passkey-proof";

/** What the person gives at the second step: a current code from their app, one of their recovery codes, or a passkey. */
export type SecondFactor = { otp: string } | { recovery_code: string } | { passkey: PasskeyProof };

/** The password step's answer for an account with a second factor: what to send the code with. */
export interface SecondStepChallenge {
  mfaToken: string;
  methods: MfaMethod[];
}

/** The server's words for a second factor that is wanted, wrong, dead or locked (lib/contracts/mfa.ts). */
export const MFA_REQUIRED = "MFA_REQUIRED";
export const MFA_CODE_INVALID = "MFA_CODE_INVALID";
export const MFA_TOKEN_INVALID = "MFA_TOKEN_INVALID";

export function challengeOf(body: unknown): SecondStepChallenge | null {
  const parsed = mfaRequiredBodySchema.safeParse(body);
  return parsed.success ? { mfaToken: parsed.data.mfa_token, methods: parsed.data.mfa_methods } : null;
}

export function recoveryCodesLeftOf(body: unknown): number | undefined {
  const parsed = mfaTokenResponseSchema.safeParse(body);
  return parsed.success ? parsed.data.recovery_codes_left : undefined;
}

/** How many more wrong codes the challenge takes, when the server said. */
export function attemptsLeftOf(body: unknown): number | undefined {
  const parsed = mfaErrorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.attempts_left : undefined;
}

/** The token endpoint's body for the second step. */
export function secondStepBody(mfaToken: string, factor: SecondFactor) {
  if ("passkey" in factor) return { grant_type: "mfa_passkey", mfa_token: mfaToken, ...factor.passkey };
  return "otp" in factor
    ? { grant_type: "mfa_otp", mfa_token: mfaToken, otp: factor.otp }
    : { grant_type: "mfa_recovery_code", mfa_token: mfaToken, recovery_code: factor.recovery_code };
}
