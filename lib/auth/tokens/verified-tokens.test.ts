import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type AccessTokenConfig, signAccessToken, verifyAccessTokenWithKey } from "./access-token";
import type { KeyStore } from "./keys/key-store";
import { verifiedTokens, verifiedTokensFor } from "./verified-tokens";

/** An Ed25519 key store whose trusted key for its kid the test can retire or swap. */
function switchableStore() {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const state: { trusted: KeyObject | null } = { trusted: publicKey };
  const store: KeyStore = {
    algorithms: ["EdDSA"],
    signingKey: async () => ({ kid: "k1", alg: "EdDSA", key: privateKey }),
    verificationKey: async (kid) => (kid === "k1" ? state.trusted : null),
    publicJwks: async () => ({ keys: [] }),
  };
  return { store, state, publicKey };
}

const now = new Date("2026-11-30T10:00:00Z");
const later = (s: number) => new Date(now.getTime() + s * 1000);
const subject = { userId: 7, familyId: "fam-1", role: "user" as const, username: "janedoe", authTime: 1_700_000_000, amr: ["pwd"] };

function setup(limit?: number) {
  const keys = switchableStore();
  const config: AccessTokenConfig = { keys: keys.store, issuer: "gatehouse", audience: "gatehouse-admin", ttlSeconds: 300 };
  let verifications = 0;
  const tokens = verifiedTokens(limit, async (...args) => {
    verifications++;
    return verifyAccessTokenWithKey(...args);
  });
  const sign = async (at = now) => (await signAccessToken(subject, config, at)).token;
  return { keys, config, tokens, sign, verifications: () => verifications };
}

describe("verified-token memory", () => {
  it("verifies a repeated token's signature once", async () => {
    const { config, tokens, sign, verifications } = setup();
    const token = await sign();
    for (let i = 0; i < 5; i++) expect(await tokens.verify(token, config, later(i))).toMatchObject({ sub: "7", sid: "fam-1" });
    expect(verifications()).toBe(1);
  });

  it("refuses a remembered token once it expires, on the same 5-second tolerance as a fresh check", async () => {
    const { config, tokens, sign } = setup();
    const token = await sign();
    expect(await tokens.verify(token, config, now)).not.toBeNull();
    expect(await tokens.verify(token, config, later(304))).not.toBeNull();
    expect(await tokens.verify(token, config, later(306))).toBeNull();
    expect(tokens.size).toBe(0);
  });

  it("refuses a remembered token once its key is retired or replaced for its kid", async () => {
    const { config, tokens, sign, keys } = setup();
    const token = await sign();
    expect(await tokens.verify(token, config, now)).not.toBeNull();
    keys.state.trusted = null;
    expect(await tokens.verify(token, config, later(1))).toBeNull();
    keys.state.trusted = generateKeyPairSync("ed25519").publicKey;
    expect(await tokens.verify(token, config, later(2))).toBeNull();
    keys.state.trusted = keys.publicKey;
    expect(await tokens.verify(token, config, later(3))).not.toBeNull();
  });

  it("refuses a tampered copy of a remembered token, and remembers no failure", async () => {
    const { config, tokens, sign } = setup();
    const token = await sign();
    await tokens.verify(token, config, now);
    const [h, p, s] = token.split(".");
    const flipped = `${h}.${p}.${s!.slice(0, -2)}${s!.endsWith("AA") ? "BA" : "AA"}`;
    for (const bad of [flipped, `${token}x`, token.slice(0, -1), "a.b.c"]) expect(await tokens.verify(bad, config, now)).toBeNull();
    expect(tokens.size).toBe(1);
  });

  it("holds at most its limit, dropping the oldest first", async () => {
    const { config, tokens, sign, verifications } = setup(3);
    const issued = await Promise.all([0, 1, 2, 3, 4].map((i) => sign(later(i))));
    for (const token of issued) await tokens.verify(token, config, later(5));
    expect(tokens.size).toBe(3);
    await tokens.verify(issued[4]!, config, later(6));
    expect(verifications()).toBe(5);
    await tokens.verify(issued[0]!, config, later(6));
    expect(verifications()).toBe(6);
  });

  it("holds at most 5,000 tokens by default", async () => {
    const { config, tokens, sign, verifications } = setup();
    const issued = await Promise.all(Array.from({ length: 5_001 }, () => sign()));
    expect(new Set(issued).size).toBe(5_001);
    for (const token of issued) await tokens.verify(token, config, now);
    expect(tokens.size).toBe(5_000);
    await tokens.verify(issued[5_000]!, config, now);
    expect(verifications()).toBe(5_001);
    // The oldest went to make room: it is verified again.
    await tokens.verify(issued[0]!, config, now);
    expect(verifications()).toBe(5_002);
  });

  it("keeps one memory per configuration: a token remembered for one audience is refused by another", async () => {
    const { config, sign } = setup();
    const other: AccessTokenConfig = { ...config, audience: "someone-else" };
    const token = await sign();
    expect(await verifiedTokensFor(config).verify(token, config, now)).not.toBeNull();
    expect(await verifiedTokensFor(other).verify(token, other, now)).toBeNull();
  });
});
