import type { SqlQuery } from "@prisma/driver-adapter-utils";
import type pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_TEST_POSTGRES_URL } from "@/tests/helpers/global-setup";
import { behindStatementlessPooler, preparingAdapterFactory, preparingPool } from "./preparing-pool";

/** Measured on a real PostgreSQL, one connection per pool so its session's prepared statements can be read. */
const url = process.env.TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;
const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

function onePool(connectionString = url, maxNamed?: number) {
  const pool = preparingPool({ connectionString, max: 1 }, maxNamed);
  pools.push(pool);
  return pool;
}

/** The statements this pool's one session holds prepared (a plain string query is never named). */
async function prepared(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ statement: string }>("SELECT statement FROM pg_prepared_statements ORDER BY prepare_time");
  return rows.map((row) => row.statement);
}

const plusOne = { text: "SELECT $1::int + 1 AS n", values: [41] };

describe("a preparing pool", () => {
  it("prepares each text once per connection and answers as an unnamed statement would", async () => {
    const pool = onePool();
    for (let i = 0; i < 3; i++) expect((await pool.query(plusOne)).rows).toEqual([{ n: 42 }]);
    expect((await pool.query({ text: "SELECT $1::text AS s", values: ["x"], rowMode: "array" })).rows).toEqual([["x"]]);
    expect(await prepared(pool)).toEqual(["SELECT $1::int + 1 AS n", "SELECT $1::text AS s"]);
  });

  it("names no more texts than its bound, and still runs the rest", async () => {
    const pool = onePool(url, 2);
    for (const n of [1, 2, 3, 4]) expect((await pool.query({ text: `SELECT ${n} + $1::int AS n`, values: [0] })).rows).toEqual([{ n }]);
    expect(await prepared(pool)).toHaveLength(2);
  });

  it("keeps a name the caller gave, and a failing statement fails as before", async () => {
    const pool = onePool();
    expect((await pool.query({ name: "mine", ...plusOne })).rows).toEqual([{ n: 42 }]);
    expect(await prepared(pool)).toEqual(["SELECT $1::int + 1 AS n"]);
    await expect(pool.query({ text: "SELECT * FROM no_such_table WHERE id = $1", values: [1] })).rejects.toMatchObject({ code: "42P01" });
    // pg's pool closes a connection whose query failed; the next one prepares again.
    for (let i = 0; i < 2; i++) expect((await pool.query(plusOne)).rows).toEqual([{ n: 42 }]);
    expect(await prepared(pool)).toEqual(["SELECT $1::int + 1 AS n"]);
  });

  it("prepares nothing behind a pooler that keeps no session (?pgbouncer=true)", async () => {
    const behind = `${url}${url.includes("?") ? "&" : "?"}pgbouncer=true`;
    expect(behindStatementlessPooler(behind)).toBe(true);
    expect(behindStatementlessPooler(url)).toBe(false);
    const pool = onePool(behind);
    expect((await pool.query(plusOne)).rows).toEqual([{ n: 42 }]);
    expect(await prepared(pool)).toEqual([]);
  });

  it("is what Prisma's adapter sends its statements through, and the client's disconnect ends it", async () => {
    const adapter = await preparingAdapterFactory({ connectionString: url, max: 1 }).connect();
    const query: SqlQuery = { sql: "SELECT $1::int + 1 AS n", args: [41], argTypes: [{ scalarType: "int", arity: "scalar" }] };
    for (let i = 0; i < 2; i++) expect((await adapter.queryRaw(query)).rows).toEqual([[42]]);
    const pool = (adapter as unknown as { underlyingDriver(): pg.Pool }).underlyingDriver();
    expect(await prepared(pool)).toEqual(["SELECT $1::int + 1 AS n"]);
    await adapter.dispose();
    expect(pool.ended).toBe(true);
  });
});
