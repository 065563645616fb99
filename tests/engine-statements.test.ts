import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { type Engine, sql } from "@/lib/db/engine/engine";
import { holdLoginsLock } from "./helpers/locks";
import { type Provisioned, provision } from "./helpers/provision";

/**
 * The engine's own statements (the refresh's and the list's skip Prisma's client). What they
 * read and write is pinned by the repository suites on both engines; these tests pin the
 * path itself: that it connects and reconnects on its own, that it waits out another
 * process's lock, and that a transaction's statements stay inside it.
 */
let database: Provisioned;
let userId: number;

beforeAll(async () => {
  database = await provision();
  ({ id: userId } = await database.db.user.create({ data: { username: `hot-${randomUUID()}`, email: "h@example.com", fullName: "H", passwordHash: "x" } }));
});
afterAll(() => database.dispose());

const loginRow = (id = randomUUID()) => ({
  id,
  userId,
  tokenHash: randomUUID(),
  expiresAt: new Date("2026-12-01T00:00:00Z"),
  absoluteExpiresAt: new Date("2026-12-02T00:00:00Z"),
  createdAt: new Date("2026-11-30T00:00:00Z"),
  lastUsedAt: new Date("2026-11-30T00:00:00Z"),
});

const countLogins = async (statements: Pick<Engine, "query"> = database.engine) =>
  Number((await statements.query<{ n: number | bigint }>(sql`SELECT COUNT(*) AS "n" FROM "Login" WHERE "userId" = ${userId}`))[0]!.n);

const insertLogin = (row: ReturnType<typeof loginRow>) => sql`INSERT INTO "Login" ("id", "userId", "tokenHash", "expiresAt", "absoluteExpiresAt", "createdAt", "lastUsedAt")
  VALUES (${row.id}, ${row.userId}, ${row.tokenHash}, ${row.expiresAt}, ${row.absoluteExpiresAt}, ${row.createdAt}, ${row.lastUsedAt})`;

describe("engine statements", () => {
  it("read typed values: numbers, booleans, Dates and text, nulls kept", async () => {
    const row = loginRow();
    await database.db.login.create({ data: row });
    const [read] = await database.engine.query<Record<string, unknown>>(sql`SELECT s."userId", s."createdAt", s."rotatedAt",
        s."tokenHash", u."disabled" FROM "Login" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ${row.id}`);
    expect(read).toEqual({ userId, createdAt: row.createdAt, rotatedAt: null, tokenHash: row.tokenHash, disabled: false });
  });

  it("connect a client whose first statement they are, and again after it disconnected", async () => {
    const fresh = openDatabase(database.url);
    try {
      const before = await countLogins(fresh.engine);
      await fresh.db.$disconnect();
      const row = loginRow();
      await fresh.engine.groupedWrite(insertLogin(row));
      expect(await countLogins(fresh.engine)).toBe(before + 1);
      expect(await database.db.login.findUnique({ where: { id: row.id } })).toMatchObject({ expiresAt: row.expiresAt, createdAt: row.createdAt });
    } finally {
      await fresh.db.$disconnect();
    }
  });

  it("keep a transaction's statements inside it: they see its writes, and its rollback takes theirs", async () => {
    const before = await countLogins();
    await expect(
      database.engine.transaction(async (tx) => {
        await tx.db.login.create({ data: loginRow() });
        await tx.execute(insertLogin(loginRow()));
        expect(await countLogins(tx)).toBe(before + 2);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await countLogins()).toBe(before);
  });

  it("wait for another connection's lock without blocking the event loop, then write", async () => {
    const { released } = await holdLoginsLock(database.url, 400);
    const row = loginRow();
    const started = Date.now();
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    try {
      const written = await database.engine.groupedWrite(insertLogin(row));
      expect(written).toBe(1);
    } finally {
      clearInterval(ticker);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // The event loop kept running while the statement waited.
    expect(ticks).toBeGreaterThanOrEqual(5);
    await released;
  });
});
