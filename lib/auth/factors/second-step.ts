import type { SignInProof } from "./proof";

/** A second step a sign-in must pass before any session is issued: which factors may complete it. */
export interface SecondStep {
  factors: readonly string[];
}

/**
 * Decides, once the first credentials are checked, whether a sign-in needs a second step.
 * The factor features (TOTP, passkeys) plug in here instead of editing the sign-in itself.
 */
export interface SecondStepPolicy {
  /** The step still needed after `proof`, or null when the proof is enough. */
  required(proof: SignInProof, now: Date): Promise<SecondStep | null>;
}

/** The factors a user has enrolled; a factor feature answers from its own store. */
export type EnrolledFactors = (userId: number) => Promise<readonly string[]>;

/** No factor can be enrolled yet. */
export const noFactorsEnrolled: EnrolledFactors = async () => [];

/** A second step is required exactly when the user has enrolled a factor. */
export function enrolledFactorsPolicy(enrolled: EnrolledFactors = noFactorsEnrolled): SecondStepPolicy {
  return {
    async required(proof) {
      const factors = await enrolled(proof.user.id);
      return factors.length > 0 ? { factors } : null;
    },
  };
}

/** Today's policy: nobody has a factor enrolled, so none is required. */
export const defaultSecondStepPolicy: SecondStepPolicy = enrolledFactorsPolicy();
