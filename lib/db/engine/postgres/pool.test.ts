import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TEST_POSTGRES_URL } from "@/tests/helpers/global-setup";
import { adminQuery, withDatabaseName } from "@/tests/helpers/provision";
import { openDatabase } from "../../client";
import { connectionsPerProcess, MAX_POSTGRES_CONNECTIONS } from "../postgres";

/**
 * One instance's share of PostgreSQL's max_connections, measured from the server's side:
 * queries that cannot finish hold every connection the instance may open, and the server
 * counts them while the rest wait in the pool.
 */
const adminUrl = process.env.TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;
const name = `gatehouse_pool_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const url = withDatabaseName(adminUrl, name);
const LOCK = 4242;

beforeAll(() => adminQuery(adminUrl, `CREATE DATABASE "${name}"`));
afterAll(() => adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

/**
 * Opens the database as one of `processes` processes of a server, sets 25 queries going that
 * cannot finish, and returns the most connections the server counted while they waited.
 */
async function mostConnectionsHeld(processes: number): Promise<number> {
  const holder = new pg.Client({ connectionString: url });
  await holder.connect();
  await holder.query("SELECT pg_advisory_lock($1)", [LOCK]);
  const { db } = openDatabase(url, { processes });
  try {
    // Prisma's queries start when awaited: allSettled sets all 25 going now. Each waits for
    // the holder's lock, then lets go of its own share with its statement.
    const queries = Promise.allSettled(
      Array.from({ length: 25 }, () => db.$queryRawUnsafe(`SELECT 1 AS "done" FROM (SELECT pg_advisory_xact_lock_shared(${LOCK})) AS "waited"`)),
    );
    const connections = async () =>
      (await holder.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name])).rows[0]!.n;
    const expected = connectionsPerProcess(processes);
    while ((await connections()) < expected) await new Promise((resolve) => setTimeout(resolve, 10));
    // The other queries are still waiting: a pool with room would connect them now.
    const seen: number[] = [];
    for (let i = 0; i < 25; i++) {
      seen.push(await connections());
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await holder.query("SELECT pg_advisory_unlock($1)", [LOCK]);
    expect((await queries).map((query) => query.status)).toEqual(Array(25).fill("fulfilled"));
    return Math.max(...seen);
  } finally {
    await db.$disconnect();
    await holder.end();
  }
}

describe("the PostgreSQL pool", () => {
  it(`opens at most ${MAX_POSTGRES_CONNECTIONS} connections however many queries wait, and serves the rest once they free`, async () => {
    expect(MAX_POSTGRES_CONNECTIONS).toBe(10);
    expect(await mostConnectionsHeld(1)).toBe(MAX_POSTGRES_CONNECTIONS);
  });

  it("opens only its share in a server of several processes, so the server keeps the same total", async () => {
    expect(await mostConnectionsHeld(2)).toBe(5);
    expect(await mostConnectionsHeld(3)).toBe(4);
  });
});

describe("connectionsPerProcess", () => {
  it("splits the server's connections between its processes, at least two each", () => {
    expect([1, 2, 3, 4, 5, 6, 8, 16, 64].map(connectionsPerProcess)).toEqual([10, 5, 4, 3, 2, 2, 2, 2, 2]);
    expect(connectionsPerProcess(0)).toBe(10);
  });
});
