import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import * as readyRoute from "@/app/api/ready/route";
import { checkReadiness } from "@/lib/db/readiness";
import { openDatabase } from "@/lib/db/client";
import { testEngine, withDatabaseName } from "./helpers/provision";
import { startTestServer } from "./helpers/test-app";

beforeAll(async () => {
  await startTestServer();
});

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
