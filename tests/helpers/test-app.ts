import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { authConfigFromEnv, type AuthConfig } from "@/lib/auth/config";
import type { AuthContext } from "@/lib/auth/context";
import { createPasswordPool } from "@/lib/auth/password-pool";
import { pooledHasher } from "@/lib/auth/passwords";
import { createDb, type Db } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { seedDemoData } from "@/prisma/seed-data";

export const TEST_SECRET = "test-secret-that-is-long-enough-0123456789abcdef";

/** A fresh, migrated SQLite file of its own. */
export function freshDatabaseFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-test-"));
  const file = path.join(dir, "test.db");
  copyFileSync(inject("templateDatabase"), file);
  return file;
}

/**
 * Points this test file's server (route handlers included) at a fresh seeded database.
 * Call before the first request; settings are read once per test file.
 */
export async function startTestServer(settings: Record<string, string> = {}) {
  const file = freshDatabaseFile();
  Object.assign(process.env, {
    DATABASE_URL: `file:${file}`,
    JWT_SECRET: TEST_SECRET,
    BCRYPT_COST: "4",
    ...settings,
  });
  const db = createDb(file);
  const seeded = await seedDemoData(db, 4);
  return { db, file, ...seeded };
}

/** An auth context over its own seeded database with settings a test controls. */
export async function testAuthContext(overrides: Partial<AuthConfig> = {}): Promise<AuthContext & { db: Db }> {
  const file = freshDatabaseFile();
  const db = createDb(file);
  await seedDemoData(db, 4);
  const base = authConfigFromEnv(parseEnv({ NODE_ENV: "test", JWT_SECRET: TEST_SECRET, BCRYPT_COST: "4", DATABASE_URL: `file:${file}` }), db);
  return { db, config: { ...base, ...overrides }, passwords: pooledHasher(createPasswordPool({ size: 1, maxQueue: 64 })) };
}
