import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { firstRefreshToken, hashRefreshToken, isWellFormedRefreshToken, readRefreshToken, type RefreshTokenKeys, successorRefreshToken } from "./refresh-token";

const keys: RefreshTokenKeys = { successor: new Uint8Array(32).fill(1), seal: new Uint8Array(32).fill(2) };
const otherKeys: RefreshTokenKeys = { successor: new Uint8Array(32).fill(3), seal: new Uint8Array(32).fill(4) };

describe("refresh tokens", () => {
  it("name their login and generation 0 under a seal, next to 32 random bytes", () => {
    const loginId = randomUUID();
    const token = firstRefreshToken(loginId, keys);
    expect(isWellFormedRefreshToken(token)).toBe(true);
    expect(Buffer.from(token, "base64url")).toHaveLength(69);
    expect(readRefreshToken(token, keys)).toEqual({ format: "sealed", loginId, generation: 0 });
    expect(firstRefreshToken(loginId, keys)).not.toBe(token);
  });

  it("are stored as a SHA-256 hash, never raw", () => {
    const token = firstRefreshToken(randomUUID(), keys);
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).not.toContain(token);
  });

  it("have a deterministic, key-dependent successor of the next generation", () => {
    const loginId = randomUUID();
    const token = firstRefreshToken(loginId, keys);
    const next = successorRefreshToken(token, loginId, 1, keys);
    expect(successorRefreshToken(token, loginId, 1, keys)).toBe(next);
    expect(readRefreshToken(next, keys)).toEqual({ format: "sealed", loginId, generation: 1 });
    expect(successorRefreshToken(token, loginId, 1, { ...keys, successor: otherKeys.successor })).not.toBe(next);
    expect(successorRefreshToken(next, loginId, 2, keys)).not.toBe(next);
  });

  it("are refused unread when forged, altered, sealed with another key or of another version", () => {
    const loginId = randomUUID();
    const token = firstRefreshToken(loginId, keys);
    expect(readRefreshToken(token, otherKeys)).toBeNull();
    const bytes = Buffer.from(token, "base64url");
    for (const at of [0, 5, 18, 30, 60]) {
      const altered = Buffer.from(bytes);
      altered[at] = altered[at]! ^ 1;
      expect(readRefreshToken(altered.toString("base64url"), keys), `byte ${at}`).toBeNull();
    }
    expect(readRefreshToken(randomBytes(69).toString("base64url"), keys)).toBeNull();
    expect(readRefreshToken("not a token", keys)).toBeNull();
    expect(isWellFormedRefreshToken(token + "A")).toBe(false);
  });

  it("know a legacy token by its shape, and give its successor in the legacy form up to generation 0", () => {
    const legacy = randomBytes(32).toString("base64url");
    expect(isWellFormedRefreshToken(legacy)).toBe(true);
    expect(readRefreshToken(legacy, keys)).toEqual({ format: "legacy" });
    const loginId = randomUUID();
    const head = successorRefreshToken(legacy, loginId, 0, keys);
    expect(head).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readRefreshToken(successorRefreshToken(head, loginId, 1, keys), keys)).toEqual({ format: "sealed", loginId, generation: 1 });
  });

  it("refuse a login id that is not a UUID and a generation out of range", () => {
    expect(() => firstRefreshToken("not-a-uuid", keys)).toThrow(/UUID/);
    expect(() => successorRefreshToken(firstRefreshToken(randomUUID(), keys), randomUUID(), 2 ** 32, keys)).toThrow(RangeError);
  });
});
