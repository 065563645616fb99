import bcrypt from "bcryptjs";
import { beforeAll, describe, expect, it } from "vitest";
import * as passwordRoute from "@/app/api/auth/password/route";
import { login } from "@/lib/auth/login";
import { createPasswordPool, type PasswordPool } from "@/lib/auth/password-pool";
import { pooledHasher } from "@/lib/auth/passwords";
import type { Db } from "@/lib/db/client";
import { jsonRequest } from "./helpers/http";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer, testAuthContext } from "./helpers/test-app";

describe("no user enumeration (ASVS 6.3.8)", () => {
  const compared: number[] = [];
  let ctx: Awaited<ReturnType<typeof testAuthContext>>;
  beforeAll(async () => {
    const pool = createPasswordPool({ size: 1, maxQueue: 8 });
    // The real pool, watched: it records the cost of every hash a password is compared with.
    const watched: PasswordPool = {
      ...pool,
      compare: (secret, hash) => {
        compared.push(bcrypt.getRounds(hash));
        return pool.compare(secret, hash);
      },
    };
    const base = await testAuthContext({ bcryptCost: 10 });
    ctx = { ...base, passwords: pooledHasher(watched) };
    await ctx.db.user.update({ where: { username: "janedoe" }, data: { passwordHash: await bcrypt.hash("secret", 10) } });
  });
  const attempt = (username: string) =>
    login(ctx, { username, password: "wrong-password", presentedRefreshToken: null, userAgent: null, ip: `10.9.0.${compared.length}` }, new Date());

  it("runs a full-cost bcrypt comparison for an unknown user, as for a known one", async () => {
    await expect(attempt("janedoe")).rejects.toMatchObject({ status: 401, code: "INVALID_CREDENTIALS" });
    await expect(attempt("no-such-user")).rejects.toMatchObject({ status: 401, code: "INVALID_CREDENTIALS" });
    expect(compared).toEqual([10, 10]);
  });
});

describe("changing a password through the app (ASVS 6.2)", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await startTestServer());
  });
  const change = (token: string, body: unknown) =>
    passwordRoute.POST(jsonRequest("/api/auth/password", body, { headers: { authorization: `Bearer ${token}` } }));

  it("requires the current password and refuses weak new ones with the reason on the field", async () => {
    const token = await accessTokenOf(await new Browser().login("janedoe", "secret"));
    const wrong = await change(token, { current_password: "nope", new_password: "a perfectly fine passphrase" });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).errors).toEqual({ current_password: expect.any(String) });
    for (const weak of ["short", "password1", "Qwerty123", "janedoe", "JaneDoe"]) {
      const response = await change(token, { current_password: "secret", new_password: weak });
      expect(response.status, weak).toBe(422);
      expect((await response.json()).errors.new_password).toEqual(expect.any(String));
    }
  });

  it("accepts a long Unicode passphrase, keeps this login and revokes the others", async () => {
    const other = new Browser();
    await other.login("janedoe", "secret");
    const here = new Browser();
    const token = await accessTokenOf(await here.login("janedoe", "secret"));
    const passphrase = "correct horse battery staple — ünïcödé ".repeat(3);
    expect(Buffer.byteLength(passphrase)).toBeGreaterThan(72);
    expect((await change(token, { current_password: "secret", new_password: passphrase })).status).toBe(204);

    expect((await other.refresh()).status).toBe(401);
    expect((await here.refresh()).status).toBe(200);
    expect((await new Browser().login("janedoe", "secret")).status).toBe(401);
    expect((await new Browser().login("janedoe", passphrase.normalize("NFD"))).status).toBe(200);
    // bcrypt alone would accept any password sharing the first 72 bytes.
    expect((await new Browser().login("janedoe", passphrase.slice(0, 60) + "x".repeat(40))).status).toBe(401);
    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "password.changed" } });
    // `other` and the login of the previous test.
    expect(JSON.parse(event.detail!)).toEqual({ otherSessionsRevoked: 2 });
    expect(JSON.stringify(event)).not.toContain("horse");
  });

  it("requires a bearer token", async () => {
    const response = await passwordRoute.POST(jsonRequest("/api/auth/password", { current_password: "a", new_password: "b" }));
    expect(response.status).toBe(401);
  });
});
