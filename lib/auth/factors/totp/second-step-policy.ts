import { MFA_METHODS } from "../../../contracts/mfa";
import { enrolledFactorsPolicy, type SecondStepPolicy } from "../second-step";
import { isTotpEnabled } from "../second-factor-check";
import type { MfaStore } from "../storage";

/** A sign-in needs a second step when the user has confirmed TOTP; a code or a recovery code completes it. */
export const totpSecondStep = (mfa: Pick<MfaStore, "totp">): SecondStepPolicy =>
  enrolledFactorsPolicy(async (userId) => (isTotpEnabled(await mfa.totp(userId)) ? MFA_METHODS : []));
