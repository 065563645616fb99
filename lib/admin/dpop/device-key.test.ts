import { decodeProtectedHeader, EmbeddedJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { MemoryKeyStore } from "../testing/memory-key-store";
import { createDeviceKey } from "./device-key";
import { thumbprint } from "./proof";

const ORIGIN = "https://gatehouse.example";
const NOW = 1_800_000_000_000;

function deviceKey(wall = () => NOW) {
  const store = new MemoryKeyStore();
  let id = 0;
  const key = createDeviceKey({ store, subtle: crypto.subtle, origin: ORIGIN, clock: { wall }, randomId: () => `jti-${++id}` });
  return { store, key };
}

async function verified(proof: string) {
  const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: "dpop+jwt", algorithms: ["ES256"], currentDate: new Date(NOW) });
  return { payload, header: protectedHeader };
}

describe("device key", () => {
  it("signs a sign-in with a new P-256 pair whose private half cannot be exported, and keeps it only once adopted", async () => {
    const { store, key } = deviceKey();
    const proof = await key.forSignIn("POST", "/api/auth/token");
    expect(proof).not.toBeNull();
    const { payload, header } = await verified(proof!.header);
    expect(payload).toEqual({ htm: "POST", htu: `${ORIGIN}/api/auth/token`, iat: NOW / 1000, jti: "jti-1" });
    expect(Object.keys(header.jwk!).sort()).toEqual(["crv", "kty", "x", "y"]);
    expect(header.jwk).toMatchObject({ kty: "EC", crv: "P-256" });

    const pending = store.slots.get("pending")!;
    expect(pending.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey("jwk", pending.privateKey)).rejects.toThrow();
    expect(await key.forRequest("POST", "/api/auth/refresh-token")).toBeNull();

    await proof!.adopt();
    expect(store.slots.get("current")).toBe(pending);
    expect(store.slots.has("pending")).toBe(false);
  });

  it("signs each refresh with the adopted key, a fresh jti each time", async () => {
    const { store, key } = deviceKey();
    await (await key.forSignIn("POST", "/api/auth/token"))!.adopt();
    const first = await verified((await key.forRequest("POST", "/api/auth/refresh-token"))!);
    const second = await verified((await key.forRequest("POST", "/api/auth/refresh-token"))!);
    expect(first.payload.htu).toBe(`${ORIGIN}/api/auth/refresh-token`);
    expect(first.payload.jti).not.toBe(second.payload.jti);
    expect(decodeProtectedHeader((await key.forRequest("POST", "/x"))!).jwk).toEqual(first.header.jwk);
    expect(await thumbprint(store.slots.get("current")!.publicKey)).toHaveLength(43);
  });

  it("leaves the adopted key in place while a later sign-in is still pending, and replaces it when that one is adopted", async () => {
    const { store, key } = deviceKey();
    await (await key.forSignIn("POST", "/api/auth/token"))!.adopt();
    const adopted = store.slots.get("current")!;
    const next = await key.forSignIn("POST", "/api/auth/token");
    expect(store.slots.get("current")).toBe(adopted);
    await next!.adopt();
    expect(await thumbprint(store.slots.get("current")!.publicKey)).not.toBe(await thumbprint(adopted.publicKey));
  });

  it("forgets the key", async () => {
    const { store, key } = deviceKey();
    await (await key.forSignIn("POST", "/api/auth/token"))!.adopt();
    await key.forget();
    expect(store.slots.size).toBe(0);
    expect(await key.forRequest("POST", "/api/auth/refresh-token")).toBeNull();
  });

  it("offers no proof, and throws nothing, where the key cannot be stored", async () => {
    const { store, key } = deviceKey();
    store.broken = true;
    expect(await key.forSignIn("POST", "/api/auth/token")).toBeNull();
    expect(await key.forRequest("POST", "/api/auth/refresh-token")).toBeNull();
    await expect(key.forget()).resolves.toBeUndefined();
    const failing = createDeviceKey({ store: new MemoryKeyStore(), subtle: {} as SubtleCrypto, origin: ORIGIN, clock: { wall: () => NOW }, randomId: () => "x" });
    expect(await failing.forSignIn("POST", "/api/auth/token")).toBeNull();
  });

  it("tells iat in the server's time when this machine's clock is far off, and ignores the Date header's own second of slack", async () => {
    const { key } = deviceKey();
    const iat = async () => (await verified((await key.forSignIn("POST", "/api/auth/token"))!.header)).payload.iat;
    key.noteServerDate(new Date(NOW + 1_500).toUTCString());
    expect(await iat()).toBe(NOW / 1000);
    key.noteServerDate(new Date(NOW - 120_000).toUTCString());
    expect(await iat()).toBe(NOW / 1000 - 120);
    key.noteServerDate("not a date");
    expect(await iat()).toBe(NOW / 1000 - 120);
    key.noteServerDate(null);
    expect(await iat()).toBe(NOW / 1000 - 120);
  });
});
