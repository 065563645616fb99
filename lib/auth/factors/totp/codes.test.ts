import { describe, expect, it } from "vitest";
import { matchingStep, newTotpSecret, timeStep, totpCode } from "./codes";

// RFC 6238 Appendix B's key, the ASCII "12345678901234567890", in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP codes", () => {
  it("are RFC 6238's SHA-1 vectors (their last six digits) at their times", () => {
    const vectors: [number, string][] = [
      [59, "287082"],
      [1111111109, "081804"],
      [1111111111, "050471"],
      [1234567890, "005924"],
      [2000000000, "279037"],
      [20000000000, "353130"],
    ];
    for (const [seconds, code] of vectors) expect(totpCode(RFC_SECRET, new Date(seconds * 1000))).toBe(code);
  });

  it("accept one step either side and nothing further, answering the step that matched", () => {
    const at = new Date(1_234_567_890_000);
    const step = timeStep(at);
    const codeOf = (s: number) => totpCode(RFC_SECRET, new Date(s * 30_000));
    expect(matchingStep(RFC_SECRET, codeOf(step), at)).toBe(step);
    expect(matchingStep(RFC_SECRET, codeOf(step - 1), at)).toBe(step - 1);
    expect(matchingStep(RFC_SECRET, codeOf(step + 1), at)).toBe(step + 1);
    expect(matchingStep(RFC_SECRET, codeOf(step - 2), at)).toBeNull();
    expect(matchingStep(RFC_SECRET, codeOf(step + 2), at)).toBeNull();
  });

  it("refuse anything but six digits without asking the library", () => {
    const at = new Date(59_000);
    for (const code of ["28708", "2870820", "28708a", " 287082", ""]) expect(matchingStep(RFC_SECRET, code, at)).toBeNull();
  });

  it("come from 160-bit secrets, fresh each time", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });
});
