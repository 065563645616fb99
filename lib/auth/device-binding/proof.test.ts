import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { deviceKey } from "@/tests/helpers/dpop";
import { BASE } from "@/tests/helpers/http";
import { checkProof } from "./proof";

const target = { method: "POST", url: `${BASE}/api/auth/refresh-token` };
const NOW = new Date("2026-12-07T12:00:00.000Z");
const T = NOW.getTime() / 1000;

describe("checking a DPoP proof", () => {
  it("accepts a fresh ES256 proof and answers its key's RFC 7638 thumbprint", async () => {
    const key = await deviceKey();
    const check = await checkProof(await key.proof({ iat: T, jti: "j-1" }), target, NOW);
    expect(check).toEqual({ ok: true, jkt: key.jkt, jti: "j-1", iat: T });
    expect(key.jkt).toMatch(/^[\w-]{43}$/);
  });

  it("compares htu without its query and fragment, and normalised", async () => {
    const key = await deviceKey();
    for (const htu of [`${BASE}/api/auth/refresh-token?x=1#f`, "HTTP://LOCALHOST:3000/api/auth/refresh-token"]) {
      expect((await checkProof(await key.proof({ htu, iat: T }), target, NOW)).ok, htu).toBe(true);
    }
  });

  it("takes iat 60 s either side of now, not 61", async () => {
    const key = await deviceKey();
    const at = async (iat: number) => (await checkProof(await key.proof({ iat }), target, NOW)).ok;
    expect([await at(T - 60), await at(T + 60), await at(T - 61), await at(T + 61)]).toEqual([true, true, false, false]);
  });

  it("names why a proof is refused", async () => {
    const key = await deviceKey();
    const proof = (claims = {}, header = {}) => key.proof({ iat: T, ...claims }, header);
    const cases: [string, string][] = [
      ["htu", await proof({ htu: "/api/auth/token" })],
      ["htm", await proof({ htm: "GET" })],
      ["iat", await proof({ iat: T - 3600 })],
      ["jti", await proof({ jti: "" })],
      ["typ", await proof({}, { typ: "JWT" })],
      ["signature", (await proof()).slice(0, -6) + "AAAAAA"],
      ["signature", await proof({}, { jwk: (await deviceKey()).jwk })],
      ["malformed", "a.b"],
      ["malformed", "x".repeat(3000)],
    ];
    for (const [reason, bad] of cases) expect(await checkProof(bad, target, NOW), reason).toEqual({ ok: false, reason });
  });

  it("refuses a key carrying a private member, and any other algorithm", async () => {
    const extractable = await generateKeyPair("ES256", { extractable: true });
    const privateJwk = await exportJWK(extractable.privateKey);
    const withPrivate = await new SignJWT({ htm: "POST", htu: target.url, iat: T, jti: "j" })
      .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: privateJwk })
      .sign(extractable.privateKey);
    expect(privateJwk.d).toBeDefined();
    expect(await checkProof(withPrivate, target, NOW)).toEqual({ ok: false, reason: "jwk" });
    const ed25519 = await generateKeyPair("EdDSA", { crv: "Ed25519" });
    const eddsa = await new SignJWT({ htm: "POST", htu: target.url, iat: T, jti: "j" })
      .setProtectedHeader({ alg: "EdDSA", typ: "dpop+jwt", jwk: await exportJWK(ed25519.publicKey) })
      .sign(ed25519.privateKey);
    expect(await checkProof(eddsa, target, NOW)).toEqual({ ok: false, reason: "alg" });
  });
});
