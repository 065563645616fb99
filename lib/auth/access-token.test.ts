import { base64url, SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { type AccessTokenConfig, signAccessToken, verifyAccessToken } from "./access-token";

const config: AccessTokenConfig = {
  key: new TextEncoder().encode("k".repeat(32)),
  issuer: "gatehouse",
  audience: "gatehouse-admin",
  ttlSeconds: 300,
};
const subject = { userId: 7, familyId: "fam-1", role: "admin" as const, username: "johndoe" };
const now = new Date("2026-11-29T10:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);

async function forge(header: Record<string, unknown>, claims: Record<string, unknown>, key = config.key) {
  return new SignJWT({ sid: "fam-1", role: "admin", username: "johndoe", jti: "j", ...claims })
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt", ...header } as { alg: string })
    .sign(key);
}
const validClaims = { sub: "7", iss: "gatehouse", aud: "gatehouse-admin", iat: now.getTime() / 1000, exp: now.getTime() / 1000 + 300 };

describe("access tokens", () => {
  it("round-trips the claims the issue lists", async () => {
    const issued = await signAccessToken(subject, config, now);
    expect(issued.expiresAt).toBe(now.getTime() / 1000 + 300);
    const claims = await verifyAccessToken(issued.token, config, later(10));
    expect(claims).toMatchObject({ sub: "7", sid: "fam-1", role: "admin", username: "johndoe", iat: now.getTime() / 1000 });
    expect(claims!.jti).toMatch(/^[0-9a-f-]{36}$/);
    const header = JSON.parse(new TextDecoder().decode(base64url.decode(issued.token.split(".")[0]!)));
    expect(header).toEqual({ alg: "HS256", typ: "at+jwt" });
  });

  it("gives every token its own jti", async () => {
    const a = await verifyAccessToken((await signAccessToken(subject, config, now)).token, config, now);
    const b = await verifyAccessToken((await signAccessToken(subject, config, now)).token, config, now);
    expect(a!.jti).not.toBe(b!.jti);
  });

  it("accepts at most 5 seconds of clock skew past exp", async () => {
    const { token } = await signAccessToken(subject, config, now);
    expect(await verifyAccessToken(token, config, later(304))).not.toBeNull();
    expect(await verifyAccessToken(token, config, later(306))).toBeNull();
  });

  it("refuses a token signed with another key", async () => {
    const token = await forge({}, validClaims, new TextEncoder().encode("x".repeat(32)));
    expect(await verifyAccessToken(token, config, now)).toBeNull();
  });

  it("refuses a tampered payload", async () => {
    const { token } = await signAccessToken(subject, config, now);
    const [h, , s] = token.split(".");
    const payload = base64url.encode(JSON.stringify({ ...validClaims, sid: "fam-1", role: "admin", username: "x", jti: "j", sub: "1" }));
    expect(await verifyAccessToken(`${h}.${payload}.${s}`, config, now)).toBeNull();
  });

  it("refuses alg none and algorithms outside the allow-list", async () => {
    const none = new UnsecuredJWT({ ...validClaims, sid: "fam-1", role: "admin", username: "johndoe", jti: "j" }).encode();
    expect(await verifyAccessToken(none, config, now)).toBeNull();
    const hs512 = await forge({ alg: "HS512" }, validClaims, new TextEncoder().encode("k".repeat(64)));
    expect(await verifyAccessToken(hs512, { ...config, key: new TextEncoder().encode("k".repeat(64)) }, now)).toBeNull();
  });

  it("refuses the wrong issuer, audience or typ", async () => {
    expect(await verifyAccessToken(await forge({}, { ...validClaims, iss: "evil" }), config, now)).toBeNull();
    expect(await verifyAccessToken(await forge({}, { ...validClaims, aud: "other" }), config, now)).toBeNull();
    expect(await verifyAccessToken(await forge({ typ: "JWT" }, validClaims), config, now)).toBeNull();
    expect(await verifyAccessToken(await forge({}, validClaims), config, now)).not.toBeNull();
  });

  it("refuses missing claims and garbage without throwing", async () => {
    const { sub: _sub, ...noSub } = validClaims;
    expect(await verifyAccessToken(await forge({}, noSub), config, now)).toBeNull();
    for (const junk of ["", "a.b.c", "x".repeat(5000), "\u0000.\u0000.\u0000", "eyJhbGciOiJIUzI1NiJ9..."]) {
      expect(await verifyAccessToken(junk, config, now)).toBeNull();
    }
  });
});
