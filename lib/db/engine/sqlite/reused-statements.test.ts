import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PrismaClient } from "@prisma/client";
import { afterEach, describe, expect, it } from "vitest";
import { reusePreparedStatements } from "./reused-statements";
import { tunedSqliteAdapter } from "./adapter";

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function connection() {
  const db = new Database(":memory:");
  cleanups.push(() => void db.close());
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
  return db;
}

describe("reusePreparedStatements", () => {
  it("prepares a statement once and runs it with each use's own parameters", () => {
    const db = connection();
    const reused = reusePreparedStatements(db);
    for (const [id, name] of [[1, "ada"], [2, "bob"], [3, "cy"]] as const) db.prepare(`INSERT INTO t (id, name) VALUES (?, ?)`).bind([id, name]).run();
    const select = `SELECT name FROM t WHERE id = ?`;
    expect(db.prepare(select).bind([2]).raw().all()).toEqual([["bob"]]);
    expect(db.prepare(select).bind([3]).raw().all()).toEqual([["cy"]]);
    expect(reused.prepared()).toBe(2);
  });

  it("keeps one use's row shape from leaking into the next", () => {
    const db = connection();
    reusePreparedStatements(db);
    db.prepare(`INSERT INTO t (id, name) VALUES (?, ?)`).bind([1, "ada"]).run();
    const select = `SELECT id, name FROM t`;
    expect(db.prepare(select).bind([]).raw().all()).toEqual([[1, "ada"]]);
    expect(db.prepare(select).bind([]).all()).toEqual([{ id: 1, name: "ada" }]);
    const use = db.prepare(select).bind([]);
    expect(use.reader).toBe(true);
    expect(use.columns().map((column) => column.name)).toEqual(["id", "name"]);
  });

  it("reads a statement's columns from SQLite once, and again after a schema change widened it", () => {
    const db = connection();
    reusePreparedStatements(db);
    db.prepare(`INSERT INTO t (id, name) VALUES (?, ?)`).bind([1, "ada"]).run();
    const select = `SELECT * FROM t`;
    const first = db.prepare(select).bind([]).columns();
    expect(first.map(({ name, type }) => [name, type])).toEqual([["id", "INTEGER"], ["name", "TEXT"]]);
    expect(db.prepare(select).bind([]).columns()).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    db.exec(`ALTER TABLE t ADD COLUMN note TEXT`);
    expect(db.prepare(select).bind([]).raw().all()).toEqual([[1, "ada", null]]);
    expect(db.prepare(select).bind([]).columns().map(({ name }) => name)).toEqual(["id", "name", "note"]);
  });

  it("keeps at most its capacity, dropping the least recently used", () => {
    const db = connection();
    const reused = reusePreparedStatements(db, 2);
    const a = `SELECT 1`;
    const b = `SELECT 2`;
    const c = `SELECT 3`;
    for (const sql of [a, b, a, c]) db.prepare(sql).bind([]).all();
    expect(reused.prepared()).toBe(3);
    db.prepare(a).bind([]).all(); // still kept: used after b
    expect(reused.prepared()).toBe(3);
    db.prepare(b).bind([]).all(); // dropped for c
    expect(reused.prepared()).toBe(4);
  });

  it("leaves a statement usable after it failed", () => {
    const db = connection();
    reusePreparedStatements(db);
    const insert = `INSERT INTO t (id, name) VALUES (?, ?)`;
    db.prepare(insert).bind([1, "ada"]).run();
    expect(() => db.prepare(insert).bind([1, "again"]).run()).toThrow(/UNIQUE/);
    db.prepare(insert).bind([2, "bob"]).run();
    expect(db.prepare(`SELECT count(*) FROM t`).bind([]).raw().all()).toEqual([[2]]);
  });
});

describe("the tuned SQLite adapter", () => {
  it("reuses statements on the connections Prisma opens, and its results stay right", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-reuse-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const adapter = tunedSqliteAdapter({ file: path.join(dir, "t.db"), fileMustExist: false, synchronous: "FULL" });
    const connect = adapter.connect.bind(adapter);
    const opened: Array<{ prepare: unknown }> = [];
    adapter.connect = async () => {
      const connected = await connect();
      opened.push((connected as unknown as { client: { prepare: unknown } }).client);
      return connected;
    };
    const prisma = new PrismaClient({ adapter });
    cleanups.push(() => prisma.$disconnect());
    await prisma.$executeRawUnsafe(`CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`);
    for (const name of ["ada", "bob"]) await prisma.$executeRaw`INSERT INTO t (name) VALUES (${name})`;
    const names = await Promise.all([1, 2].map((id) => prisma.$queryRaw<{ name: string }[]>`SELECT name FROM t WHERE id = ${id}`));
    expect(names.map(([row]) => row?.name)).toEqual(["ada", "bob"]);
    expect(opened).toHaveLength(1);
    expect(opened[0]!.prepare).not.toBe(Database.prototype.prepare);
  });
});
