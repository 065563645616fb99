import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { base64url, SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, it } from "vitest";
import { type AccessTokenConfig, signAccessToken, verifyAccessToken } from "./access-token";
import { hmacKeyStore } from "./keys/hmac-key-store";
import type { KeyStore } from "./keys/key-store";

/** An Ed25519 key store held in memory, so these tests need no database. */
function memoryEd25519Store(): KeyStore & { publicKey: KeyObject; kid: string } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const kid = "test-ed";
  return {
    kid,
    publicKey,
    algorithms: ["EdDSA"],
    signingKey: async () => ({ kid, alg: "EdDSA", key: privateKey }),
    verificationKey: async (k) => (k === kid ? publicKey : null),
    publicJwks: async () => ({ keys: [] }),
  };
}

const hmacKey = new TextEncoder().encode("k".repeat(32));
const ed = memoryEd25519Store();
const base = { issuer: "gatehouse", audience: "gatehouse-admin", ttlSeconds: 300 };
const edConfig: AccessTokenConfig = { ...base, keys: ed };
const hsConfig: AccessTokenConfig = { ...base, keys: hmacKeyStore(hmacKey) };
const subject = { userId: 7, familyId: "fam-1", role: "admin" as const, username: "johndoe", authTime: 1_700_000_000, amr: ["pwd"] };
const now = new Date("2026-11-29T10:00:00Z");
const nowS = now.getTime() / 1000;
const later = (s: number) => new Date(now.getTime() + s * 1000);
const claims = { sid: "fam-1", role: "admin", username: "johndoe", jti: "j", sub: "7", iss: "gatehouse", aud: "gatehouse-admin", iat: nowS, exp: nowS + 300 };

const header = (token: string) => JSON.parse(new TextDecoder().decode(base64url.decode(token.split(".")[0]!)));

async function forge(protectedHeader: Record<string, unknown>, body: Record<string, unknown>, key: KeyObject | Uint8Array) {
  return new SignJWT(body).setProtectedHeader(protectedHeader as { alg: string }).sign(key);
}

describe.each([
  ["EdDSA", edConfig],
  ["HS256", hsConfig],
])("access tokens signed with %s", (alg, config) => {
  it("round-trip the listed claims with typ at+jwt and a kid", async () => {
    const issued = await signAccessToken(subject, config, now);
    expect(issued.expiresAt).toBe(nowS + 300);
    const verified = await verifyAccessToken(issued.token, config, later(10));
    expect(verified).toMatchObject({ sub: "7", sid: "fam-1", role: "admin", username: "johndoe", iat: nowS, exp: nowS + 300 });
    expect(verified!.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(header(issued.token)).toEqual({ alg, typ: "at+jwt", kid: expect.any(String) });
  });

  it("give every token its own jti", async () => {
    const a = await verifyAccessToken((await signAccessToken(subject, config, now)).token, config, now);
    const b = await verifyAccessToken((await signAccessToken(subject, config, now)).token, config, now);
    expect(a!.jti).not.toBe(b!.jti);
  });

  it("accept at most 5 seconds of clock skew past exp", async () => {
    const { token } = await signAccessToken(subject, config, now);
    expect(await verifyAccessToken(token, config, later(304))).not.toBeNull();
    expect(await verifyAccessToken(token, config, later(306))).toBeNull();
  });

  it("refuse a tampered payload", async () => {
    const { token } = await signAccessToken(subject, config, now);
    const [h, , s] = token.split(".");
    const payload = base64url.encode(JSON.stringify({ ...claims, role: "admin", sub: "1" }));
    expect(await verifyAccessToken(`${h}.${payload}.${s}`, config, now)).toBeNull();
  });

  it("refuse garbage without throwing", async () => {
    for (const junk of ["", "a.b.c", "x".repeat(5000), "\u0000.\u0000.\u0000", "eyJhbGciOiJIUzI1NiJ9...", "..", "a.b"]) {
      expect(await verifyAccessToken(junk, config, now)).toBeNull();
    }
  });
});

describe("RFC 8725 rules, each with a forged token", () => {
  it("accepts a well-formed forgery only when signed by the real key (control)", async () => {
    const signer = await ed.signingKey(now);
    const token = await forge({ alg: "EdDSA", typ: "at+jwt", kid: ed.kid }, claims, signer.key);
    expect(await verifyAccessToken(token, edConfig, now)).not.toBeNull();
  });

  it("refuses alg none", async () => {
    const none = new UnsecuredJWT(claims).encode();
    expect(await verifyAccessToken(none, edConfig, now)).toBeNull();
    expect(await verifyAccessToken(none, hsConfig, now)).toBeNull();
  });

  it("refuses key confusion: HS256 keyed with the public key", async () => {
    const publicPem = ed.publicKey.export({ format: "pem", type: "spki" });
    const publicJwkX = Buffer.from(ed.publicKey.export({ format: "jwk" }).x!, "base64url");
    for (const secret of [Buffer.from(publicPem), publicJwkX]) {
      const token = await forge({ alg: "HS256", typ: "at+jwt", kid: ed.kid }, claims, new Uint8Array(secret));
      expect(await verifyAccessToken(token, edConfig, now)).toBeNull();
    }
  });

  it("refuses algorithms outside the allow-list, even with the right key", async () => {
    const token = await forge({ alg: "HS512", typ: "at+jwt", kid: (await hsConfig.keys.signingKey(now)).kid }, claims, new Uint8Array(64).fill(1));
    expect(await verifyAccessToken(token, hsConfig, now)).toBeNull();
  });

  it("refuses another key's signature", async () => {
    const other = generateKeyPairSync("ed25519").privateKey;
    expect(await verifyAccessToken(await forge({ alg: "EdDSA", typ: "at+jwt", kid: ed.kid }, claims, other), edConfig, now)).toBeNull();
  });

  it("refuses an unknown or missing kid", async () => {
    const signer = await ed.signingKey(now);
    expect(await verifyAccessToken(await forge({ alg: "EdDSA", typ: "at+jwt", kid: "nope" }, claims, signer.key), edConfig, now)).toBeNull();
    expect(await verifyAccessToken(await forge({ alg: "EdDSA", typ: "at+jwt" }, claims, signer.key), edConfig, now)).toBeNull();
  });

  it("refuses the wrong typ, issuer or audience", async () => {
    const signer = await ed.signingKey(now);
    const h = { alg: "EdDSA", kid: ed.kid };
    expect(await verifyAccessToken(await forge({ ...h, typ: "JWT" }, claims, signer.key), edConfig, now)).toBeNull();
    expect(await verifyAccessToken(await forge({ ...h }, claims, signer.key), edConfig, now)).toBeNull();
    expect(await verifyAccessToken(await forge({ ...h, typ: "at+jwt" }, { ...claims, iss: "evil" }, signer.key), edConfig, now)).toBeNull();
    expect(await verifyAccessToken(await forge({ ...h, typ: "at+jwt" }, { ...claims, aud: "other" }, signer.key), edConfig, now)).toBeNull();
  });

  it("refuses a token not yet valid (nbf) beyond the skew, and one missing exp or sub", async () => {
    const signer = await ed.signingKey(now);
    const h = { alg: "EdDSA", typ: "at+jwt", kid: ed.kid };
    expect(await verifyAccessToken(await forge(h, { ...claims, nbf: nowS + 60 }, signer.key), edConfig, now)).toBeNull();
    expect(await verifyAccessToken(await forge(h, { ...claims, nbf: nowS + 3 }, signer.key), edConfig, now)).not.toBeNull();
    for (const missing of ["exp", "sub"] as const) {
      const partial: Record<string, unknown> = { ...claims };
      delete partial[missing];
      expect(await verifyAccessToken(await forge(h, partial, signer.key), edConfig, now), missing).toBeNull();
    }
  });
});
