import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchingStep, timeStep, totpCode } from "./rfc6238";

// RFC 4226 Appendix D and RFC 6238 Appendix B: the ASCII secret "12345678901234567890".
const RFC_KEY = Buffer.from("12345678901234567890");

describe("RFC 6238 TOTP", () => {
  it("matches RFC 4226's HOTP vectors", () => {
    const expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
    expected.forEach((code, counter) => expect(hotp(RFC_KEY, counter)).toBe(code));
  });

  it("matches RFC 6238's SHA-1 vectors (8 digits) at their times", () => {
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [seconds, code] of vectors) expect(hotp(RFC_KEY, timeStep(new Date(seconds * 1000)), 8)).toBe(code);
  });

  it("round-trips base32 as RFC 4648 writes it", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("MZXW6YTBOI").toString()).toBe("foobar");
    expect(totpCode(base32Encode(RFC_KEY), new Date(59_000))).toBe("287082");
  });

  it("accepts one step either side and nothing further", () => {
    const secret = base32Encode(RFC_KEY);
    const at = new Date(1_234_567_890_000);
    const step = timeStep(at);
    const codeAt = (s: number) => hotp(RFC_KEY, s);
    expect(matchingStep(secret, codeAt(step), at)).toBe(step);
    expect(matchingStep(secret, codeAt(step - 1), at)).toBe(step - 1);
    expect(matchingStep(secret, codeAt(step + 1), at)).toBe(step + 1);
    expect(matchingStep(secret, codeAt(step - 2), at)).toBeNull();
    expect(matchingStep(secret, codeAt(step + 2), at)).toBeNull();
    expect(matchingStep(secret, "12345", at)).toBeNull();
  });
});
