import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { adminQuery, type TemplateDatabase, withDatabaseName } from "./provision";

export const DEFAULT_TEST_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

function migrate(databaseUrl: string) {
  try {
    execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: "pipe",
      encoding: "utf8",
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma migrate deploy failed:\n${stdout}\n${stderr}`.slice(-4000));
  }
}

/**
 * Migrates one template database with the real Prisma CLI, of the engine this project
 * names (TEST_DATABASE); every test file then provisions a copy of it.
 */
export default async function setup(project: TestProject) {
  const engine = project.config.env?.TEST_DATABASE === "postgres" ? "postgres" : "sqlite";
  if (engine === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-vitest-"));
    const file = path.join(dir, "template.db");
    migrate(`file:${file}`);
    project.provide("templateDatabase", { engine, file } satisfies TemplateDatabase);
    return () => rmSync(dir, { recursive: true, force: true });
  }

  const adminUrl = process.env.TEST_POSTGRES_URL || DEFAULT_TEST_POSTGRES_URL;
  const name = `gatehouse_template_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  try {
    await adminQuery(adminUrl, `CREATE DATABASE "${name}"`);
  } catch (error) {
    throw new Error(
      `The PostgreSQL tests need a server at ${new URL(adminUrl).host} (set TEST_POSTGRES_URL): ${error instanceof Error ? error.message : error}`,
    );
  }
  migrate(withDatabaseName(adminUrl, name));
  project.provide("templateDatabase", { engine, adminUrl, name } satisfies TemplateDatabase);
  return async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const copies = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${name}%`]);
      for (const { datname } of copies.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
