import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import * as readyRoute from "@/app/api/ready/route";
import { checkReadiness } from "@/lib/db/readiness";
import { openDatabase } from "@/lib/db/client";
import { sqliteFilePath } from "@/lib/db/database-url";
import { holdSqliteFileLock } from "./helpers/locks";
import { testEngine, withDatabaseName } from "./helpers/provision";
import { startTestServer } from "./helpers/test-app";

let serverUrl: string;
beforeAll(async () => {
  serverUrl = (await startTestServer()).url;
});

/** Another process (SQLite) or connection (PostgreSQL) keeping every write out, reads allowed, for `ms`. */
async function holdWrites(ms: number): Promise<{ released: Promise<void> }> {
  if (testEngine() === "sqlite") return holdSqliteFileLock(sqliteFilePath(serverUrl), ms);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query('BEGIN; LOCK TABLE "_prisma_migrations" IN EXCLUSIVE MODE');
  return { released: new Promise((resolve) => setTimeout(() => void client.query("COMMIT").then(() => client.end()).then(() => resolve()), ms)) };
}

describe("liveness and readiness", () => {
  it("/api/health answers JSON without touching the database", async () => {
    const response = healthRoute.GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/api/ready answers 200 on a migrated database", async () => {
    const response = await readyRoute.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ready", migrations: expect.any(Number) });
  });

  it("/api/ready answers 503 database_busy with a Retry-After of 2 s while writes are kept out beyond the busy budget", async () => {
    const { released } = await holdWrites(4_000);
    const response = await readyRoute.GET();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await response.json()).toEqual({ status: "unavailable", reason: "database_busy", pendingMigrations: 0 });
    await released;
    expect((await readyRoute.GET()).status).toBe(200);
  });

  it("reports a database without the migrations as not ready", async () => {
    const url =
      testEngine() === "sqlite"
        ? `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-empty-")), "empty.db")}`
        : withDatabaseName(process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres", "postgres");
    const database = openDatabase(url, { createSqliteFile: true });
    const { db } = database;
    await db.$queryRawUnsafe("SELECT 1");
    try {
      expect(await checkReadiness(database)).toMatchObject({ ready: false, reason: "migrations_pending", pending: expect.arrayContaining([expect.any(String)]) });
    } finally {
      await db.$disconnect();
    }
  });

  it("reports a database it cannot reach as not ready", async () => {
    const url =
      testEngine() === "sqlite"
        ? `file:${mkdtempSync(path.join(os.tmpdir(), "gatehouse-dir-"))}`
        : withDatabaseName(process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres", "gatehouse_no_such_database");
    const database = openDatabase(url);
    const { db } = database;
    try {
      expect(await checkReadiness(database)).toMatchObject({ ready: false, reason: expect.stringMatching(/^database_(unreachable|missing)$/) });
    } finally {
      await db.$disconnect().catch(() => undefined);
    }
  });
});
