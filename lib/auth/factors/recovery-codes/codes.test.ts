import { describe, expect, it } from "vitest";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "./codes";

describe("recovery codes", () => {
  it("are ten distinct xxxxx-xxxxx codes of 50 bits from an alphabet without look-alikes", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);
  });

  it("are read in any case, with or without the dash, and look-alikes as meant", () => {
    expect(normaliseRecoveryCode("ABCDE-FGH23")).toBe("abcdefgh23");
    expect(normaliseRecoveryCode(" abcde fgh23 ")).toBe("abcdefgh23");
    expect(normaliseRecoveryCode("O0IL1-abcde")).toBe("00111abcde");
    expect(normaliseRecoveryCode("abcde-fgh2")).toBeNull();
    expect(normaliseRecoveryCode("abcde-fgh2u")).toBeNull();
  });

  it("hash per user under the key", () => {
    const key = new Uint8Array(32).fill(7);
    expect(hashRecoveryCode("abcdefgh23", 1, key)).not.toBe(hashRecoveryCode("abcdefgh23", 2, key));
    expect(hashRecoveryCode("abcdefgh23", 1, key)).not.toBe(hashRecoveryCode("abcdefgh23", 1, new Uint8Array(32)));
  });
});
