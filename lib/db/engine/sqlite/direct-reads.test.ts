import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import { afterEach, describe, expect, it } from "vitest";
import { rowsOf } from "../driver-adapter/rows";
import { errorKind } from "../driver-adapter/errors";
import { tunedSqliteAdapter } from "./adapter";
import { sqliteRead } from "./direct-reads";

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connection(): Promise<SqlDriverAdapter> {
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-direct-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const adapter = await tunedSqliteAdapter({ file: path.join(dir, "t.db"), fileMustExist: false, synchronous: "FULL" }).connect();
  cleanups.push(() => adapter.dispose());
  await adapter.executeScript(`CREATE TABLE t (id INTEGER PRIMARY KEY, big BIGINT, ratio REAL, name TEXT, at DATETIME, flag BOOLEAN, n INTEGER);
    CREATE TABLE u (id INTEGER PRIMARY KEY, tId INTEGER, label TEXT)`);
  return adapter;
}

const query = (sql: string, args: unknown[] = []): SqlQuery => ({
  sql,
  args,
  argTypes: args.map((arg) => ({ scalarType: arg instanceof Date ? "datetime" : typeof arg === "number" ? "int" : "string", arity: "scalar" })),
});

/** The adapter's own path, which the direct read must match value for value. */
const viaAdapter = async (adapter: SqlDriverAdapter, q: SqlQuery) => rowsOf(await adapter.queryRaw(q));

describe("sqliteRead", () => {
  it("reads every column type the stores read exactly as the adapter's path does", async () => {
    const adapter = await connection();
    await adapter.executeRaw(query(`INSERT INTO t VALUES (1, 9007199254740991, 0.5, 'ada', '2026-01-02T03:04:05.678+00:00', 1, 7), (2, NULL, NULL, NULL, NULL, 0, NULL),
      (3, 3, 1.25, 'cy', 1767323045678, NULL, 4.75)`));
    await adapter.executeRaw(query(`INSERT INTO u VALUES (1, 1, 'one'), (2, 3, 'three')`));
    const statements = [
      `SELECT * FROM t ORDER BY id`,
      `SELECT id, CAST(at AS TEXT) AS at, (SELECT label FROM u WHERE u.tId = t.id) AS label, (SELECT COUNT(*) FROM t) AS total FROM t ORDER BY id`,
      `SELECT count(*) AS c, sum(ratio) AS s, max(name) AS m FROM t`,
      `SELECT (SELECT label FROM u WHERE u.tId = 2) AS none_found FROM t`,
      `SELECT id FROM t WHERE id > 99`,
    ];
    for (const sql of statements) for (let i = 0; i < 2; i++) expect(await sqliteRead(adapter, query(sql)), sql).toEqual(await viaAdapter(adapter, query(sql)));
    const rows = await sqliteRead<{ at: Date | null; flag: boolean; n: number | null; big: number | null }>(adapter, query(`SELECT * FROM t ORDER BY id`));
    expect(rows.map(({ at, flag, n, big }) => [at?.toISOString() ?? null, flag, n, big])).toEqual([
      ["2026-01-02T03:04:05.678Z", true, 7, 9007199254740991],
      [null, false, null, null],
      ["2026-01-02T03:04:05.678Z", null, 4, 3],
    ]);
  });

  it("binds parameters as the adapter does: dates as its ISO text, booleans as 0 and 1", async () => {
    const adapter = await connection();
    const at = new Date("2026-05-06T07:08:09.010Z");
    await adapter.executeRaw(query(`INSERT INTO t (id, at, flag, name) VALUES (1, ?, 1, 'x')`, [at]));
    const q = { ...query(`SELECT id FROM t WHERE at = ? AND flag = ? AND name = ?`, [at, true, "x"]) };
    q.argTypes[1] = { scalarType: "boolean", arity: "scalar" };
    expect(await sqliteRead(adapter, q)).toEqual([{ id: 1 }]);
    expect(await sqliteRead(adapter, q)).toEqual(await viaAdapter(adapter, q));
  });

  it("refuses a whole number beyond 2^53 as the adapter's path does, instead of rounding it", async () => {
    const adapter = await connection();
    await adapter.executeRaw(query(`INSERT INTO t (id, big) VALUES (1, 9007199254740993)`));
    await expect(sqliteRead(adapter, query(`SELECT big FROM t`))).rejects.toThrow(RangeError);
    await expect(viaAdapter(adapter, query(`SELECT big FROM t`))).rejects.toThrow(RangeError);
  });

  it("fails with the adapter's own error, so the stores read its kind as before", async () => {
    const adapter = await connection();
    const missing = await sqliteRead(adapter, query(`SELECT * FROM gone`)).catch((error: unknown) => error);
    const expected = await viaAdapter(adapter, query(`SELECT * FROM gone`)).catch((error: unknown) => error);
    expect((missing as Error).name).toBe("DriverAdapterError");
    expect(errorKind(missing)).toEqual(errorKind(expected));
    expect(errorKind(missing)).toEqual({ fault: "missing" });
  });

  it("leaves a statement that writes to the adapter, which runs it once", async () => {
    const adapter = await connection();
    expect(await sqliteRead(adapter, query(`INSERT INTO t (id) VALUES (5)`))).toEqual([]);
    expect(await sqliteRead(adapter, query(`SELECT count(*) AS c FROM t`))).toEqual([{ c: 1 }]);
  });
});
