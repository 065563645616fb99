import { execFileSync } from "node:child_process";
import { createPublicKey, verify as verifySignature } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as jwksRoute from "@/app/.well-known/jwks.json/route";
import { CLOCK_TOLERANCE_SECONDS, signAccessToken } from "@/lib/auth/tokens/access-token";
import { deriveKey } from "@/lib/auth/tokens/derive-key";
import { addEd25519Key, ed25519KeyStore, KEY_CACHE_SECONDS, retiredKeyGraceSeconds } from "@/lib/auth/tokens/keys/ed25519-key-store";
import { rotateSigningKey } from "@/lib/auth/tokens/keys/rotate";
import type { Db } from "@/lib/db/client";
import { prismaStorage } from "@/lib/db/storage";
import { parseEnv } from "@/lib/env";
import { serverContext } from "@/lib/server/context";
import { restoreClock, setClock } from "./helpers/clock";
import { provision } from "./helpers/provision";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { startTestServer, TEST_SECRET } from "./helpers/test-app";
import { createUser } from "./helpers/users";

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
  let username: string;
  beforeAll(async () => {
    ({ db } = await startTestServer());
    databaseUrl = process.env.DATABASE_URL!;
    ({ username } = await createUser(db, { prefix: "keys" }));
  });
  afterEach(restoreClock);

  it("signs EdDSA with the one current key's kid and publishes it at /.well-known/jwks.json", async () => {
    const token = await accessTokenOf(await new Browser().login(username, "secret"));
    expect(part(token, 0)).toMatchObject({ alg: "EdDSA", typ: "at+jwt", kid: expect.stringMatching(/^ed-/) });
    const current = await db.signingKey.findMany({ where: { retiredAt: null } });
    expect(current.map((k) => k.kid)).toEqual([part(token, 0).kid]);
    const keys = await jwks();
    const published = keys.find((k) => k.kid === part(token, 0).kid);
    expect(published).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    for (const key of keys) expect(key.d).toBeUndefined();
    expect(independentlyVerified(token, keys)).toBe(true);
    const tampered = token.slice(0, -4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(independentlyVerified(tampered, keys)).toBe(false);
  });

  it("keeps only the encrypted private half in the database", async () => {
    await new Browser().login(username, "secret");
    const rows = await db.signingKey.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(JSON.parse(row.publicJwk).d).toBeUndefined();
      expect(row.privateKeyEnc).not.toMatch(/PRIVATE KEY/);
      // An unencrypted PKCS#8 Ed25519 key starts with these bytes.
      expect(Buffer.from(row.privateKeyEnc, "base64").includes(Buffer.from("302e020100300506032b6570", "hex"))).toBe(false);
    }
  });

  it("after `npm run keys:rotate`, old-key tokens work until the configured grace, then get 401; a later rotation drops the key", async () => {
    const ctx = serverContext();
    // The grace the running app was configured with, not a number written here.
    const grace = retiredKeyGraceSeconds(parseEnv(process.env).ACCESS_TOKEN_TTL_SECONDS, CLOCK_TOLERANCE_SECONDS);
    expect(grace).toBe(ctx.config.accessToken.ttlSeconds + CLOCK_TOLERANCE_SECONDS + KEY_CACHE_SECONDS);

    const before = await accessTokenOf(await new Browser().login(username, "secret"));
    const oldKid = part(before, 0).kid;
    const claims = part(before, 1);
    const subject = { userId: Number(claims.sub), familyId: claims.sid, role: claims.role, username: claims.username, authTime: claims.auth_time, amr: claims.amr };
    // Outlives the grace, so only the key's retirement can end it.
    const longLived = (now: Date) => signAccessToken(subject, { ...ctx.config.accessToken, ttlSeconds: 10 * grace }, now).then((t) => t.token);
    const oldLongLived = await longLived(new Date());
    expect(part(oldLongLived, 0).kid).toBe(oldKid);

    const output = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/rotate-keys.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, JWT_SECRET: TEST_SECRET, NODE_ENV: "test" },
      encoding: "utf8",
    });
    expect(output).toMatch(/New current signing key ed-/);
    expect(output).not.toContain(TEST_SECRET);
    const retiredAt = (await db.signingKey.findUniqueOrThrow({ where: { kid: oldKid } })).retiredAt!.getTime();
    expect((await jwks()).map((k) => k.kid)).toContain(oldKid);
    expect((await me(before)).status).toBe(200);

    // Within the key cache every instance has moved to the new key.
    setClock(retiredAt + (KEY_CACHE_SECONDS + 1) * 1000);
    const after = await accessTokenOf(await new Browser().login(username, "secret"));
    const newKid = part(after, 0).kid;
    expect(newKid).not.toBe(oldKid);
    const newLongLived = await longLived(new Date());

    setClock(retiredAt + (grace - 1) * 1000);
    expect((await me(oldLongLived)).status).toBe(200);
    setClock(retiredAt + (grace + 1) * 1000);
    expect((await me(oldLongLived)).status).toBe(401);
    expect((await me(newLongLived)).status).toBe(200);
    expect((await jwks()).map((k) => k.kid)).not.toContain(oldKid);
    expect(await db.signingKey.count({ where: { kid: oldKid } })).toBe(1);

    // The next rotation (the script's own step, on this clock) forgets it for good.
    const rotated = await rotateSigningKey(ctx.store, { encryptionKey: deriveKey(TEST_SECRET, "signing-key-encryption"), retiredKeyGraceSeconds: grace }, new Date());
    expect(rotated).toMatchObject({ dropped: 1 });
    expect(await db.signingKey.count({ where: { kid: oldKid } })).toBe(0);
    expect(await db.signingKey.count({ where: { kid: newKid } })).toBe(1);
    const events = await db.auditEvent.findMany({ where: { type: "key.rotated" }, orderBy: { id: "asc" } });
    expect(events.map((e) => JSON.parse(e.detail!).dropped)).toEqual([0, 1]);
  });
});

describe("sealed private keys", () => {
  it("refuses to open a private key sealed under another secret", async () => {
    const keyRows = prismaStorage(await provision()).signingKeys;
    await addEd25519Key(keyRows, deriveKey(TEST_SECRET, "signing-key-encryption"), new Date());
    const wrong = ed25519KeyStore({ store: keyRows, encryptionKey: deriveKey("another-secret-of-enough-length-0123456789", "signing-key-encryption"), retiredKeyGraceSeconds: 335 });
    // AES-GCM's authentication failure, not any error that happens to be thrown.
    await expect(wrong.signingKey(new Date())).rejects.toThrow(/unable to authenticate data/);
  });
});
