import { describe, expect, it } from "vitest";
import { HttpError } from "./http-error";
import { isCancelled, passkeyProblem } from "./passkey-errors";

const named = (name: string, code?: string) => Object.assign(new Error("browser said no"), { name }, code ? { code } : {});

describe("passkey errors", () => {
  it("treats a closed prompt, a timeout and a cancelled request as nothing to report", () => {
    expect(isCancelled(named("NotAllowedError"))).toBe(true);
    expect(isCancelled(named("AbortError"))).toBe(true);
    expect(isCancelled(named("Error", "ERROR_CEREMONY_ABORTED"))).toBe(true);
    expect(isCancelled(named("SecurityError"))).toBe(false);
    expect(isCancelled("NotAllowedError")).toBe(false);
    expect(passkeyProblem(named("NotAllowedError"), "sign-in")).toBeNull();
    expect(passkeyProblem(named("AbortError"), "confirm")).toBeNull();
  });

  it("says calmly that the server did not know the passkey, in words for where it happened", () => {
    const refused = new HttpError("Passkey not accepted.", 401, { code: "PASSKEY_INVALID" });
    expect(passkeyProblem(refused, "sign-in")).toBe("That passkey isn't set up for an account here. Try another one, or sign in with your password.");
    expect(passkeyProblem(refused, "confirm")).toContain("isn't one of this account's");
  });

  it("passes the server's own words on for other refusals", () => {
    expect(passkeyProblem(new HttpError("Too many attempts.", 429, { code: "RATE_LIMITED" }), "sign-in")).toBe("Too many attempts.");
  });

  it("names a device that already has a passkey for the account, and a bad address", () => {
    expect(passkeyProblem(named("InvalidStateError", "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED"), "add")).toBe("This device already has a passkey for your account.");
    expect(passkeyProblem(named("SecurityError", "ERROR_INVALID_RP_ID"), "sign-in")).toBe("Passkeys can't be used at this address.");
    expect(passkeyProblem(new Error("odd"), "add")).toBe("The passkey could not be created. Try again.");
    expect(passkeyProblem(new Error("odd"), "sign-in")).toContain("Try again, or use your password");
  });
});
