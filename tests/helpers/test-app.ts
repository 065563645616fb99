import { authConfig, type AuthConfig } from "@/lib/auth/config";
import type { AuthContext } from "@/lib/auth/context";
import { liveLoginView } from "@/lib/auth/sessions/live-logins";
import { createPasswordPool } from "@/lib/auth/passwords/pool";
import { pooledHasher } from "@/lib/auth/passwords/hasher";
import type { Db } from "@/lib/db/client";
import type { Engine } from "@/lib/db/engine/engine";
import { prismaStorage } from "@/lib/db/storage";
import { authSettings, parseEnv } from "@/lib/env";
import { seedDemoData } from "@/prisma/seed-data";
import { provision } from "./provision";
import { FIXTURE_BCRYPT_COST, fixtureHash } from "./users";

export const TEST_SECRET = "test-secret-that-is-long-enough-0123456789abcdef";

/**
 * The demo data with johndoe's seed hash (cost 12) swapped for a cheap one, unless a test
 * is about the seed's own workflow: each cost-12 comparison takes a quarter of a second.
 */
async function seed(db: Db, keepSeedHash: boolean) {
  const seeded = await seedDemoData(db, FIXTURE_BCRYPT_COST);
  if (keepSeedHash) return seeded;
  const john = await db.user.update({ where: { id: seeded.john.id }, data: { passwordHash: await fixtureHash("secret") } });
  return { ...seeded, john };
}

/**
 * Points this test file's server (route handlers included) at a fresh seeded database of
 * the project's engine. Call before the first request; settings are read once per test file.
 */
export async function startTestServer(settings: Record<string, string> = {}, options: { keepSeedHash?: boolean } = {}) {
  const database = await provision();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    JWT_SECRET: TEST_SECRET,
    BCRYPT_COST: String(FIXTURE_BCRYPT_COST),
    ...settings,
  });
  const seeded = await seed(database.db, options.keepSeedHash ?? false);
  return { ...database, ...seeded };
}

/** An auth context over its own seeded database with settings a test controls. */
export async function testAuthContext(overrides: Partial<AuthConfig> = {}): Promise<AuthContext & { db: Db; engine: Engine; url: string }> {
  const database = await provision();
  await seed(database.db, false);
  const store = prismaStorage(database);
  const liveLogins = liveLoginView(store);
  database.revokingWrites.subscribe(liveLogins.forget);
  const base = authConfig(authSettings(parseEnv({ NODE_ENV: "test", JWT_SECRET: TEST_SECRET, BCRYPT_COST: "4", DATABASE_URL: database.url })), store.signingKeys);
  return {
    db: database.db,
    engine: database.engine,
    url: database.url,
    store,
    config: { ...base, ...overrides },
    passwords: pooledHasher(createPasswordPool({ size: 1, maxQueue: 64 })),
    liveLogins,
  };
}
