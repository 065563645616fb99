import { describe, expect, it } from "vitest";
import { deviceKey } from "@/tests/helpers/dpop";
import { deviceKeys } from "./device-keys";

describe("a proof's embedded key", () => {
  it("is imported once per key and thumbprinted as RFC 7638 says", async () => {
    const keyOf = deviceKeys();
    const { jwk, jkt } = await deviceKey();
    const first = await keyOf(jwk);
    expect(first?.jkt).toBe(jkt);
    expect(await keyOf({ ...jwk, key_ops: ["verify"], ext: true })).toBe(first);
  });

  it("takes only a public P-256 signing key", async () => {
    const keyOf = deviceKeys();
    const { jwk } = await deviceKey();
    for (const bad of [null, "jwk", [jwk], { ...jwk, kty: "RSA" }, { ...jwk, crv: "P-384" }, { ...jwk, d: "A".repeat(43) }, { ...jwk, use: "enc" }, { ...jwk, x: "not-a-point" }]) {
      expect(await keyOf(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it("remembers a bounded number of keys, forgetting the oldest", async () => {
    const keyOf = deviceKeys(2);
    const [a, b, c] = [await deviceKey(), await deviceKey(), await deviceKey()];
    const first = await keyOf(a.jwk);
    await keyOf(b.jwk);
    await keyOf(c.jwk);
    const again = await keyOf(a.jwk);
    expect(again?.jkt).toBe(a.jkt);
    expect(again).not.toBe(first);
  });
});
