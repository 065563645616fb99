import { describe, expect, it } from "vitest";
import { clearedRefreshCookie, readRefreshCookie, refreshCookie, refreshCookieName } from "./cookie";
import { randomUUID } from "node:crypto";
import { firstRefreshToken } from "./refresh-token";

describe("the refresh cookie", () => {
  const token = firstRefreshToken(randomUUID(), { successor: new Uint8Array(32), seal: new Uint8Array(32).fill(1) });

  it("is HttpOnly, SameSite=Strict, scoped to /api/auth, with Max-Age in seconds", () => {
    expect(refreshCookie(token, 604800.7, { secure: false })).toBe(
      `gatehouse_refresh=${token}; Path=/api/auth; Max-Age=604800; HttpOnly; SameSite=Strict`,
    );
  });

  it("is Secure with the __Secure- prefix in production", () => {
    const cookie = refreshCookie(token, 60, { secure: true });
    expect(cookie.startsWith(`__Secure-gatehouse_refresh=${token};`)).toBe(true);
    expect(cookie.endsWith("; Secure")).toBe(true);
  });

  it("is cleared with an empty value, Max-Age=0 and a past Expires, same name and path", () => {
    const cleared = clearedRefreshCookie({ secure: false });
    expect(cleared).toMatch(/^gatehouse_refresh=; Path=\/api\/auth; Max-Age=0; HttpOnly; SameSite=Strict/);
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970/);
  });

  it("reads the token back, ignoring other cookies and malformed values", () => {
    const name = refreshCookieName({ secure: false });
    expect(readRefreshCookie(`a=1; ${name}=${token}; b=2`, { secure: false })).toBe(token);
    expect(readRefreshCookie(`${name}=garbage; ${name}=${token}`, { secure: false })).toBe(token);
    const legacy = "A".repeat(43);
    expect(readRefreshCookie(`${name}=${legacy}`, { secure: false })).toBe(legacy);
    expect(readRefreshCookie(`${name}=${token}`, { secure: true })).toBeNull();
    for (const header of [null, "", "=;=;", `${name}=`, `${name}=${token}x`, `${name}=${"a".repeat(9000)}`]) {
      expect(readRefreshCookie(header, { secure: false })).toBeNull();
    }
  });
});
