import { performance } from "node:perf_hooks";
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
import { createUser } from "./helpers/users";

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

describe("no user enumeration (ASVS 6.3.8)", () => {
  const compared: number[] = [];
  let ctx: Awaited<ReturnType<typeof testAuthContext>>;
  let known: string;
  let attempts = 0;
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
    const user = await createUser(ctx.db, { prefix: "enum" });
    await ctx.db.user.update({ where: { id: user.id }, data: { passwordHash: await bcrypt.hash("secret", 10) } });
    known = user.username;
  });
  // A fresh address per attempt: the throttle's delays must not enter the comparison.
  const attempt = (username: string) =>
    login(ctx, { username, password: "wrong-password", presentedRefreshToken: null, userAgent: null, ip: `10.9.${attempts >> 8}.${attempts++ & 255}` }, new Date());

  it("runs a full-cost bcrypt comparison for an unknown user, as for a known one", async () => {
    compared.length = 0;
    await expect(attempt(known)).rejects.toMatchObject({ status: 401, code: "INVALID_CREDENTIALS" });
    await expect(attempt("no-such-user")).rejects.toMatchObject({ status: 401, code: "INVALID_CREDENTIALS" });
    expect(compared).toEqual([10, 10]);
  });

  it("takes about as long for an unknown user as for a wrong password (interleaved samples, medians)", async () => {
    const timed = async (username: string) => {
      const start = performance.now();
      await expect(attempt(username)).rejects.toMatchObject({ status: 401 });
      return performance.now() - start;
    };
    await timed(known); // warm-up: the dummy hash is made on first use
    await timed("warm-up-unknown");
    const wrongPassword: number[] = [];
    const unknownUser: number[] = [];
    // Interleaved, so a load spike on this shared machine hits both samples alike.
    for (let i = 0; i < 9; i++) {
      if (i % 2) {
        unknownUser.push(await timed(`nobody-${i}`));
        wrongPassword.push(await timed(known));
      } else {
        wrongPassword.push(await timed(known));
        unknownUser.push(await timed(`nobody-${i}`));
      }
    }
    const [wrong, unknown] = [median(wrongPassword), median(unknownUser)];
    const ratio = unknown / wrong;
    console.info(`enumeration timing: median wrong password ${wrong.toFixed(1)} ms, unknown user ${unknown.toFixed(1)} ms, ratio ${ratio.toFixed(2)}`);
    // Only a gross difference fails: skipping bcrypt for unknown users is ~10x faster.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
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
    const user = await createUser(db, { prefix: "weak" });
    const token = await accessTokenOf(await new Browser().login(user.username, "secret"));
    const wrong = await change(token, { current_password: "nope", new_password: "a perfectly fine passphrase" });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).errors).toEqual({ current_password: expect.any(String) });
    for (const weak of ["short", "password1", "Qwerty123", "password2026!", user.username, user.username.toUpperCase(), `${user.username}123`]) {
      const response = await change(token, { current_password: "secret", new_password: weak });
      expect(response.status, weak).toBe(422);
      expect((await response.json()).errors.new_password).toEqual(expect.any(String));
    }
  });

  it("accepts a long Unicode passphrase, keeps this login and revokes the others", async () => {
    const user = await createUser(db, { prefix: "long" });
    const other = new Browser();
    await other.login(user.username, "secret");
    const here = new Browser();
    const token = await accessTokenOf(await here.login(user.username, "secret"));
    // ASCII up to byte 72, so a look-alike can share exactly those bytes.
    const passphrase = "correct horse battery staple ".repeat(3) + "— ünïcödé";
    expect(Buffer.byteLength(passphrase)).toBeGreaterThan(72);
    expect((await change(token, { current_password: "secret", new_password: passphrase })).status).toBe(204);

    expect((await other.refresh()).status).toBe(401);
    expect((await here.refresh()).status).toBe(200);
    expect((await new Browser().login(user.username, "secret")).status).toBe(401);
    expect((await new Browser().login(user.username, passphrase.normalize("NFD"))).status).toBe(200);

    // Same first 72 bytes, different after: bcrypt alone cannot tell them apart...
    const lookalike = passphrase.slice(0, 72) + "x".repeat(20);
    expect(Buffer.from(lookalike).subarray(0, 72)).toEqual(Buffer.from(passphrase).subarray(0, 72));
    expect(lookalike).not.toBe(passphrase);
    expect(bcrypt.compareSync(lookalike, bcrypt.hashSync(passphrase, 4))).toBe(true);
    // ...so only the pre-hash refuses it.
    expect((await new Browser().login(user.username, lookalike)).status).toBe(401);

    const event = await db.auditEvent.findFirstOrThrow({ where: { type: "password.changed", userId: user.id } });
    expect(JSON.parse(event.detail!)).toEqual({ otherSessionsRevoked: 1 });
    expect(JSON.stringify(event)).not.toContain("horse");
  });

  it("requires a bearer token", async () => {
    const response = await passwordRoute.POST(jsonRequest("/api/auth/password", { current_password: "a", new_password: "b" }));
    expect(response.status).toBe(401);
  });
});
