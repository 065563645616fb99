import { randomUUID } from "node:crypto";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "@/lib/db/client";

/** What the global setup migrated once for this project; every test copies it. */
export type TemplateDatabase =
  | { engine: "sqlite"; file: string }
  | { engine: "postgres"; adminUrl: string; name: string };

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: TemplateDatabase;
  }
}

export interface Provisioned extends Database {
  url: string;
  dispose(): Promise<void>;
}

/** A PostgreSQL URL for another database on the same server. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The one way tests get a database: a fresh, migrated one of the engine this test project
 * runs on (a copied template file for SQLite, CREATE DATABASE … TEMPLATE for PostgreSQL).
 */
export async function provision(): Promise<Provisioned> {
  const template = inject("templateDatabase");
  if (template.engine === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-test-"));
    const file = path.join(dir, "test.db");
    copyFileSync(template.file, file);
    const url = `file:${file}`;
    const database = openDatabase(url);
    return {
      ...database,
      url,
      async dispose() {
        await database.db.$disconnect();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  // Named after the template, so the global teardown finds and drops every copy.
  const name = `${template.name}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  await adminQuery(template.adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template.name}"`);
  const url = withDatabaseName(template.adminUrl, name);
  const database = openDatabase(url);
  return {
    ...database,
    url,
    async dispose() {
      await database.db.$disconnect();
      await adminQuery(template.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

export const testEngine = () => inject("templateDatabase").engine;
