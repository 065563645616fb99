import { compactVerify, decodeProtectedHeader } from "jose";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compactJws } from "./compact-jws";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const payload = { sub: "7", exp: 2_000_000_000, amr: ["pwd"] };

describe("compactJws", () => {
  it("signs an EdDSA token jose verifies, the header naming its algorithm first", async () => {
    const token = compactJws("EdDSA", privateKey, { typ: "at+jwt", kid: "k1" }, payload);
    expect(decodeProtectedHeader(token)).toEqual({ alg: "EdDSA", typ: "at+jwt", kid: "k1" });
    const { payload: bytes } = await compactVerify(token, publicKey);
    expect(JSON.parse(Buffer.from(bytes).toString())).toEqual(payload);
  });

  it("signs an HS256 token jose verifies with the same secret and no other", async () => {
    const secret = randomBytes(32);
    const token = compactJws("HS256", secret, { kid: "h" }, payload);
    await expect(compactVerify(token, secret)).resolves.toBeTruthy();
    await expect(compactVerify(token, randomBytes(32))).rejects.toThrow();
  });

  it("refuses a key that does not fit the algorithm instead of signing with it", () => {
    expect(() => compactJws("EdDSA", publicKey, {}, payload)).toThrow(TypeError);
    expect(() => compactJws("EdDSA", randomBytes(32), {}, payload)).toThrow(TypeError);
    expect(() => compactJws("HS256", privateKey, {}, payload)).toThrow(TypeError);
    const { privateKey: p256 } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(() => compactJws("EdDSA", p256, {}, payload)).toThrow(TypeError);
  });
});
