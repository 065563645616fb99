import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "@/lib/db/client";
import { type Provisioned, provision, testEngine } from "./helpers/provision";
import { createUser } from "./helpers/users";

/**
 * Two instances write the same row. On SQLite (WAL) a transaction whose snapshot another
 * process moved past can never write: waiting on it only ran out the busy budget and
 * answered 503. It must begin again instead. PostgreSQL re-reads the row under its lock.
 */
let database: Provisioned;
let other: Database;

beforeAll(async () => {
  database = await provision();
  other = openDatabase(database.url);
});
afterAll(async () => {
  await other.db.$disconnect();
  await database.dispose();
});

describe("a transaction that read before another instance committed", () => {
  it("writes after all, at once, and begins again only where the engine demands it", async () => {
    const user = await createUser(database.db, { prefix: "snap" });
    let attempts = 0;
    const started = Date.now();
    await database.db.$transaction(async (tx) => {
      attempts++;
      await tx.$queryRaw`SELECT COUNT(*) FROM "User"`;
      if (attempts === 1) await other.db.user.update({ where: { id: user.id }, data: { fullName: "Written by the other instance" } });
      await tx.user.update({ where: { id: user.id }, data: { fullName: `Written by attempt ${attempts}` } });
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(attempts).toBe(testEngine() === "sqlite" ? 2 : 1);
    expect((await other.db.user.findUniqueOrThrow({ where: { id: user.id } })).fullName).toBe(`Written by attempt ${attempts}`);
  });
});
