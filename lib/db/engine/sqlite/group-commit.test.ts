import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { holdSqliteFileLock } from "@/tests/helpers/locks";
import { groupCommits } from "./group-commit";
import { isUniqueViolation } from "../driver-adapter/errors";
import { tunedSqliteAdapter } from "./adapter";

let dir: string;
let file: string;
let adapter: SqlDriverAdapter;
let observer: Database.Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "gatehouse-group-commit-"));
  file = path.join(dir, "test.db");
  adapter = await tunedSqliteAdapter({ file, fileMustExist: false, synchronous: "FULL" }).connect();
  // A note may name a parent, checked only at COMMIT: a way to make a group's COMMIT fail.
  await adapter.executeScript(`PRAGMA foreign_keys = ON;
    CREATE TABLE "Parent" ("id" TEXT PRIMARY KEY);
    CREATE TABLE "Note" ("id" TEXT PRIMARY KEY, "body" TEXT NOT NULL, "parent" TEXT REFERENCES "Parent" ("id") DEFERRABLE INITIALLY DEFERRED)`);
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
const orphan = (id: string): SqlQuery => ({
  sql: `INSERT INTO "Note" ("id", "body", "parent") VALUES (?, ?, ?)`,
  args: [id, `note ${id}`, "no such parent"],
  argTypes: [{ scalarType: "string", arity: "scalar" }, { scalarType: "string", arity: "scalar" }, { scalarType: "string", arity: "scalar" }],
});
const stored = () => (observer.prepare(`SELECT "id" FROM "Note" ORDER BY "id"`).pluck().all() as string[]);
/** Frames written to the write-ahead log since it was last emptied: each commit writes its pages again. */
const emptyLog = () => observer.pragma("wal_checkpoint(TRUNCATE)");
const framesInLog = () => (observer.pragma("wal_checkpoint(PASSIVE)") as Array<{ log: number }>)[0]!.log;

describe("the tuned SQLite connection", () => {
  it("is in WAL mode, and refuses to open when SQLite keeps another journal mode", async () => {
    expect(observer.pragma("journal_mode", { simple: true })).toBe("wal");
    // An in-memory database can only keep its "memory" journal.
    await expect(tunedSqliteAdapter({ file: ":memory:", fileMustExist: false, synchronous: "FULL" }).connect()).rejects.toThrow(/kept the memory journal mode/);
  });
});

describe("groupCommits", () => {
  it("commits the writes of one turn of the event loop together, in one commit", async () => {
    // Counting log frames means something only in WAL mode: in any other, both counts are -1.
    expect(observer.pragma("journal_mode", { simple: true })).toBe("wal");
    const write = groupCommits(async () => adapter);
    const ids = Array.from({ length: 10 }, (_, i) => `t${i}`);
    emptyLog();
    await Promise.all(ids.map((id) => write(insert(id))));
    const together = framesInLog();
    emptyLog();
    for (const id of ids) await write(insert(id.replace("t", "s")));
    const oneByOne = framesInLog();
    expect(stored()).toHaveLength(20);
    expect(together).toBeGreaterThan(0);
    expect(together * 3).toBeLessThan(oneByOne);
  });

  it("refuses every caller of a group whose COMMIT fails, keeps none of its writes, and commits the next group", async () => {
    const write = groupCommits(async () => adapter);
    const outcomes = await Promise.allSettled([write(insert("a")), write(orphan("orphan")), write(insert("b"))]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const outcome of outcomes) expect(String((outcome as PromiseRejectedResult).reason)).toMatch(/ForeignKeyConstraintViolation/);
    expect(stored()).toEqual([]);
    // The failed transaction was rolled back and let go: the connection is not left inside it.
    expect(await Promise.all([write(insert("c")), write(insert("d"))])).toEqual([1, 1]);
    expect(stored()).toEqual(["c", "d"]);
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

  it("retries the writes that met another process's lock together, in one commit, not one each", async () => {
    const write = groupCommits(async () => adapter);
    const ids = Array.from({ length: 10 }, (_, i) => `w${i}`);
    emptyLog();
    for (const id of ids) await write(insert(id.replace("w", "v")));
    const oneByOne = framesInLog();
    emptyLog();
    const { released } = await holdSqliteFileLock(file, 200);
    expect(await Promise.all(ids.map((id) => write(insert(id))))).toEqual(ids.map(() => 1));
    const retried = framesInLog();
    await released;
    expect(stored()).toHaveLength(20);
    expect(retried).toBeGreaterThan(0);
    expect(retried * 3).toBeLessThan(oneByOne);
  });
});
