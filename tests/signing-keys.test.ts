import { execFileSync } from "node:child_process";
import { createPublicKey, verify as verifySignature } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as jwksRoute from "@/app/.well-known/jwks.json/route";
import { CLOCK_TOLERANCE_SECONDS, signAccessToken, verifyAccessToken } from "@/lib/auth/access-token";
import { deriveKey } from "@/lib/auth/derive-key";
import { addEd25519Key, ed25519KeyStore, retiredKeyGraceSeconds } from "@/lib/auth/keys/ed25519-key-store";
import type { Db } from "@/lib/db/client";
import { prismaStorage } from "@/lib/db/storage";
import { provision } from "./helpers/provision";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer, TEST_SECRET } from "./helpers/test-app";

type Jwk = { kid: string; kty: string; crv: string; x: string; alg: string; d?: string };

async function jwks(): Promise<Jwk[]> {
  const response = await jwksRoute.GET(new Request("http://localhost:3000/.well-known/jwks.json"));
  expect(response.status).toBe(200);
  return ((await response.json()) as { keys: Jwk[] }).keys;
}

const part = (token: string, i: number) => JSON.parse(Buffer.from(token.split(".")[i]!, "base64url").toString());

/** Verifies with node's crypto alone, as an outside service reading our JWKS would. */
function independentlyVerified(token: string, keys: Jwk[]): boolean {
  const [h, p, s] = token.split(".");
  const jwk = keys.find((k) => k.kid === part(token, 0).kid);
  if (!jwk) return false;
  const key = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
  return verifySignature(null, Buffer.from(`${h}.${p}`), key, Buffer.from(s!, "base64url"));
}

describe("signing keys through the running app", () => {
  let db: Db;
  let databaseUrl: string;
  beforeAll(async () => {
    ({ db } = await startTestServer());
    databaseUrl = process.env.DATABASE_URL!;
  });

  it("creates a key on first use, signs EdDSA with its kid, publishes it at /.well-known/jwks.json", async () => {
    const token = await accessTokenOf(await new Browser().login("johndoe", "secret"));
    expect(part(token, 0)).toMatchObject({ alg: "EdDSA", typ: "at+jwt", kid: expect.stringMatching(/^ed-/) });
    const keys = await jwks();
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig", kid: part(token, 0).kid });
    expect(keys[0]!.d).toBeUndefined();
    expect(independentlyVerified(token, keys)).toBe(true);
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(independentlyVerified(tampered, keys)).toBe(false);
  });

  it("keeps only the encrypted private half in the database", async () => {
    const rows = await db.signingKey.findMany();
    for (const row of rows) {
      expect(JSON.parse(row.publicJwk).d).toBeUndefined();
      expect(row.privateKeyEnc).not.toMatch(/PRIVATE KEY/);
      // An unencrypted PKCS#8 Ed25519 key starts with these bytes.
      expect(Buffer.from(row.privateKeyEnc, "base64").includes(Buffer.from("302e020100300506032b6570", "hex"))).toBe(false);
    }
  });

  it("`npm run keys:rotate` adds a current key; the old token still verifies against the JWKS", async () => {
    const before = await accessTokenOf(await new Browser().login("johndoe", "secret"));
    const output = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/rotate-keys.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: TEST_SECRET, NODE_ENV: "test" },
      encoding: "utf8",
    });
    expect(output).toMatch(/New current signing key ed-/);
    expect(output).not.toContain(TEST_SECRET);
    const keys = await jwks();
    expect(keys.length).toBe(2);
    expect(independentlyVerified(before, keys)).toBe(true);
    expect(await db.auditEvent.count({ where: { type: "key.rotated" } })).toBe(1);
  });
});

const signingKeyRows = async () => prismaStorage((await provision()).db).signingKeys;

describe("key rotation over time, with the clock in the test's hands", () => {
  it("verifies the previous key's tokens until they expire, then drops it from the JWKS", async () => {
    const keyRows = await signingKeyRows();
    const encryptionKey = deriveKey(TEST_SECRET, "signing-key-encryption");
    const grace = retiredKeyGraceSeconds(300, CLOCK_TOLERANCE_SECONDS);
    const store = () => ed25519KeyStore({ store: keyRows, encryptionKey, retiredKeyGraceSeconds: grace, cacheSeconds: 0 });
    const config = (keys = store()) => ({ keys, issuer: "gatehouse", audience: "gatehouse-admin", ttlSeconds: 300 });
    const t0 = new Date("2026-11-29T10:00:00Z");
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    const subject = { userId: 1, familyId: "f", role: "admin" as const, username: "johndoe" };

    const old = await signAccessToken(subject, config(), t0);
    const oldKid = part(old.token, 0).kid;
    const newKid = await addEd25519Key(keyRows, encryptionKey, at(60));
    const fresh = await signAccessToken(subject, config(), at(61));
    expect(part(fresh.token, 0).kid).toBe(newKid);

    expect(await verifyAccessToken(old.token, config(), at(200))).not.toBeNull();
    expect((await store().publicJwks(at(200))).keys.map((k) => k.kid).sort()).toEqual([newKid, oldKid].sort());

    expect((await store().publicJwks(at(60 + grace + 1))).keys.map((k) => k.kid)).toEqual([newKid]);
    expect(await store().verificationKey(oldKid, at(60 + grace + 1))).toBeNull();
    expect(await verifyAccessToken(fresh.token, config(), at(300))).not.toBeNull();
  });

  it("refuses to open a private key sealed under another secret", async () => {
    const keyRows = await signingKeyRows();
    await addEd25519Key(keyRows, deriveKey(TEST_SECRET, "signing-key-encryption"), new Date());
    const wrong = ed25519KeyStore({ store: keyRows, encryptionKey: deriveKey("another-secret-of-enough-length-0123456789", "signing-key-encryption"), retiredKeyGraceSeconds: 335 });
    await expect(wrong.signingKey(new Date())).rejects.toThrow();
  });
});
