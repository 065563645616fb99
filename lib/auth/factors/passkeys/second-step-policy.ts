import type { SecondStepPolicy } from "../second-step";
import type { PasskeyStore } from "./storage";

/**
 * Passkeys in the sign-in seam: wherever another factor requires a second step, a user with a
 * passkey may finish it with one too ("passkey" joins the step's factors). A passkey alone asks
 * for no second step after a password: the password stays a way in for someone who lost their
 * only passkey (docs/passkeys.md), and a passkey sign-in needs no password at all.
 */
export const withPasskeyStep = (inner: SecondStepPolicy, passkeys: Pick<PasskeyStore, "count">): SecondStepPolicy => ({
  async required(proof, now) {
    const step = await inner.required(proof, now);
    if (!step) return null;
    return (await passkeys.count(proof.user.id)) > 0 ? { factors: [...step.factors, "passkey"] } : step;
  },
});
