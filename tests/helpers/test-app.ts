import { authConfigFromEnv, type AuthConfig } from "@/lib/auth/config";
import type { AuthContext } from "@/lib/auth/context";
import { createPasswordPool } from "@/lib/auth/password-pool";
import { pooledHasher } from "@/lib/auth/passwords";
import type { Db } from "@/lib/db/client";
import { prismaStorage } from "@/lib/db/storage";
import { parseEnv } from "@/lib/env";
import { seedDemoData } from "@/prisma/seed-data";
import { provision } from "./provision";

export const TEST_SECRET = "test-secret-that-is-long-enough-0123456789abcdef";

/**
 * Points this test file's server (route handlers included) at a fresh seeded database of
 * the project's engine. Call before the first request; settings are read once per test file.
 */
export async function startTestServer(settings: Record<string, string> = {}) {
  const database = await provision();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_SECRET,
    BCRYPT_COST: "4",
    ...settings,
  });
  const seeded = await seedDemoData(database.db, 4);
  return { ...database, ...seeded };
}

/** An auth context over its own seeded database with settings a test controls. */
export async function testAuthContext(overrides: Partial<AuthConfig> = {}): Promise<AuthContext & { db: Db; url: string }> {
  const database = await provision();
  await seedDemoData(database.db, 4);
  const store = prismaStorage(database.db);
  const base = authConfigFromEnv(parseEnv({ NODE_ENV: "test", JWT_SECRET: TEST_SECRET, BCRYPT_COST: "4", DATABASE_URL: database.url }), store.signingKeys);
  return {
    db: database.db,
    url: database.url,
    store,
    config: { ...base, ...overrides },
    passwords: pooledHasher(createPasswordPool({ size: 1, maxQueue: 64 })),
  };
}
