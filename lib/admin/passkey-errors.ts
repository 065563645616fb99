import { HttpError, refusalCodeOf } from "./http-error";

/** The server's word for an assertion it did not accept (lib/contracts/passkeys.ts). */
export const PASSKEY_INVALID = "PASSKEY_INVALID";

/** Where the passkey was used, for the words of what went wrong. */
export type PasskeyUse = "sign-in" | "second-step" | "confirm" | "add";

// Browsers answer NotAllowedError for a closed prompt, a timeout and "no passkey here" alike.
const CANCELLED_NAMES = new Set(["NotAllowedError", "AbortError"]);

/** The person closed the prompt, it timed out, or the page cancelled it: nothing to report. */
export function isCancelled(failure: unknown): boolean {
  if (!(failure instanceof Error)) return false;
  const code = (failure as { code?: unknown }).code;
  return CANCELLED_NAMES.has(failure.name) || code === "ERROR_CEREMONY_ABORTED";
}

const REFUSED: Record<PasskeyUse, string> = {
  "sign-in": "That passkey isn't set up for an account here. Try another one, or sign in with your password.",
  "second-step": "That passkey isn't one of this account's. Try another one, or enter a code.",
  confirm: "That passkey isn't one of this account's. Try another one, or enter your password.",
  add: "The passkey could not be saved. Try again.",
};

/**
 * What to tell the person about a passkey that did not work, in calm words; null when they
 * cancelled, which needs no message at all.
 */
export function passkeyProblem(failure: unknown, use: PasskeyUse): string | null {
  if (isCancelled(failure)) return null;
  if (refusalCodeOf(failure) === PASSKEY_INVALID) return REFUSED[use];
  if (failure instanceof HttpError) return failure.message;
  const name = failure instanceof Error ? failure.name : "";
  const code = failure instanceof Error ? (failure as { code?: unknown }).code : undefined;
  if (name === "InvalidStateError" || code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") return "This device already has a passkey for your account.";
  if (name === "SecurityError") return "Passkeys can't be used at this address.";
  return use === "add" ? "The passkey could not be created. Try again." : "The passkey didn't work. Try again, or use your password.";
}
