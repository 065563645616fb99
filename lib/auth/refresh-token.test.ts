import { describe, expect, it } from "vitest";
import { hashRefreshToken, isWellFormedRefreshToken, newRefreshToken, successorToken } from "./refresh-token";

describe("refresh tokens", () => {
  it("are 32 random bytes in base64url", () => {
    const token = newRefreshToken();
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(isWellFormedRefreshToken(token)).toBe(true);
    expect(newRefreshToken()).not.toBe(token);
  });

  it("are stored as a SHA-256 hash, never raw", () => {
    const token = newRefreshToken();
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).not.toContain(token);
  });

  it("have a deterministic, key-dependent, well-formed successor", () => {
    const token = newRefreshToken();
    const key = new Uint8Array(32).fill(1);
    expect(successorToken(token, key)).toBe(successorToken(token, key));
    expect(successorToken(token, new Uint8Array(32).fill(2))).not.toBe(successorToken(token, key));
    expect(isWellFormedRefreshToken(successorToken(token, key))).toBe(true);
  });
});
