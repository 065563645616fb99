import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { holdSqliteFileLock } from "@/tests/helpers/locks";
import { groupCommits } from "./group-commit";
import { isUniqueViolation } from "./prisma-errors";
import { tunedSqliteAdapter } from "./sqlite-adapter";

let dir: string;
let file: string;
let adapter: SqlDriverAdapter;
let observer: Database.Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "gatehouse-group-commit-"));
  file = path.join(dir, "test.db");
  adapter = await tunedSqliteAdapter({ file, fileMustExist: false, synchronous: "FULL" }).connect();
  await adapter.executeScript(`CREATE TABLE "Note" ("id" TEXT PRIMARY KEY, "body" TEXT NOT NULL)`);
  // Another connection to the same file, as another process would see it.
  observer = new Database(file);
});
afterEach(async () => {
  observer.close();
  await adapter.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (id: string): SqlQuery => ({
  sql: `INSERT INTO "Note" ("id", "body") VALUES (?, ?)`,
  args: [id, `note ${id}`],
  argTypes: [{ scalarType: "string", arity: "scalar" }, { scalarType: "string", arity: "scalar" }],
});
const stored = () => (observer.prepare(`SELECT "id" FROM "Note" ORDER BY "id"`).pluck().all() as string[]);
/** Frames written to the write-ahead log since it was last emptied: each commit writes its pages again. */
const emptyLog = () => observer.pragma("wal_checkpoint(TRUNCATE)");
const framesInLog = () => (observer.pragma("wal_checkpoint(PASSIVE)") as Array<{ log: number }>)[0]!.log;

describe("groupCommits", () => {
  it("commits the writes of one turn of the event loop together, in one commit", async () => {
    const write = groupCommits(async () => adapter);
    const ids = Array.from({ length: 10 }, (_, i) => `t${i}`);
    emptyLog();
    await Promise.all(ids.map((id) => write(insert(id))));
    const together = framesInLog();
    emptyLog();
    for (const id of ids) await write(insert(id.replace("t", "s")));
    const oneByOne = framesInLog();
    expect(stored()).toHaveLength(20);
    expect(together * 3).toBeLessThan(oneByOne);
  });

  it("refuses only the write a constraint refuses; the rest of its group commits", async () => {
    const write = groupCommits(async () => adapter);
    await write(insert("taken"));
    const outcomes = await Promise.allSettled([write(insert("a")), write(insert("taken")), write(insert("b"))]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(isUniqueViolation((outcomes[1] as PromiseRejectedResult).reason)).toBe(true);
    expect(stored()).toEqual(["a", "b", "taken"]);
  });

  it("answers a caller only once its write is committed, visible to another connection", async () => {
    const write = groupCommits(async () => adapter);
    const seen = await Promise.all(["x", "y"].map((id) => write(insert(id)).then(() => stored().includes(id))));
    expect(seen).toEqual([true, true]);
  });

  it("waits for an interactive transaction on the connection instead of joining it", async () => {
    const write = groupCommits(async () => adapter);
    const open = await adapter.startTransaction();
    await open.executeRaw(insert("rolled-back"));
    let written = false;
    const pending = write(insert("kept")).then(() => (written = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toBe(false);
    await open.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] });
    await open.rollback();
    await pending;
    expect(stored()).toEqual(["kept"]);
  });

  it("waits out another process's lock on timers, then commits every write of the group", async () => {
    const write = groupCommits(async () => adapter);
    const { released } = await holdSqliteFileLock(file, 300);
    const started = Date.now();
    expect(await Promise.all(["p", "q", "r"].map((id) => write(insert(id))))).toEqual([1, 1, 1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(stored()).toEqual(["p", "q", "r"]);
    await released;
  });
});
