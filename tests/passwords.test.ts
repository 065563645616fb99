import bcrypt from "bcryptjs";
import { beforeAll, describe, expect, it } from "vitest";
import * as passwordRoute from "@/app/api/auth/password/route";
import { login } from "@/lib/auth/login";
import { createPasswordPool, type PasswordPool } from "@/lib/auth/passwords/pool";
import { pooledHasher } from "@/lib/auth/passwords/hasher";
import type { Db } from "@/lib/db/client";
import { type Engine, type Fragment, render } from "@/lib/db/engine/engine";
import { prismaStorage } from "@/lib/db/storage";
import { jsonRequest } from "./helpers/http";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer, testAuthContext } from "./helpers/test-app";
import { createUser } from "./helpers/users";

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
    await expect(attempt(known)).rejects.toMatchObject({ kind: "invalid_credentials" });
    await expect(attempt("no-such-user")).rejects.toMatchObject({ kind: "invalid_credentials" });
    expect(compared).toEqual([10, 10]);
  });

  it("does the same database work for an unknown user as for a wrong password, statement for statement", async () => {
    const statements: string[] = [];
    // Every operation the client runs, with each value it binds replaced by "?".
    const shape = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(shape) : value && typeof value === "object" && !(value instanceof Date) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)])) : "?";
    const recording = ctx.db.$extends({
      query: {
        $allOperations({ model, operation, args, query }) {
          const raw = args as { strings?: string[] };
          statements.push(`${model ?? ""}.${operation} ${raw.strings ? raw.strings.join("?") : JSON.stringify(shape(args))}`);
          return query(args);
        },
      },
    }) as unknown as Db;
    // And every statement the engine runs, as its SQL with the placeholders.
    const recorded = (kind: string, run: (statement: Fragment) => Promise<unknown>) => (statement: Fragment) => {
      statements.push(`${kind} ${render(statement, () => "?").text}`);
      return run(statement);
    };
    const engine = ctx.engine;
    const recordingEngine: Engine = {
      ...engine,
      query: recorded("query", (statement) => engine.query(statement)) as Engine["query"],
      execute: recorded("execute", (statement) => engine.execute(statement)) as Engine["execute"],
      groupedWrite: recorded("groupedWrite", (statement) => engine.groupedWrite(statement)) as Engine["groupedWrite"],
    };
    const watched = { ...ctx, store: prismaStorage({ db: recording, engine: recordingEngine }) };
    const workFor = async (username: string) => {
      statements.length = 0;
      const ip = `10.10.${attempts >> 8}.${attempts++ & 255}`;
      await expect(login(watched, { username, password: "wrong-password", presentedRefreshToken: null, userAgent: "ua", ip }, new Date())).rejects.toMatchObject({ kind: "invalid_credentials" });
      return [...statements];
    };
    const wrongPassword = await workFor(known);
    const unknownUser = await workFor("no-such-user");
    expect(wrongPassword.length).toBeGreaterThan(0);
    expect(wrongPassword.some((statement) => statement.startsWith("User.findUnique"))).toBe(true);
    expect(wrongPassword.some((statement) => statement.startsWith("AuditEvent.create"))).toBe(true);
    expect(wrongPassword.some((statement) => statement.includes('"LoginThrottle"'))).toBe(true);
    expect(unknownUser).toEqual(wrongPassword);
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
