import { randomUUID } from "node:crypto";
import bcrypt from "bcryptjs";
import type { Db } from "@/lib/db/client";

/** Fixture users hash at bcrypt's lowest cost: the suites test behaviour, not hashing. */
export const FIXTURE_BCRYPT_COST = 4;

export const fixtureHash = (password: string) => bcrypt.hash(password, FIXTURE_BCRYPT_COST);

/** A user of its own for one test, so no test depends on what another did first. */
export async function createUser(db: Db, options: { password?: string; role?: "admin" | "user"; prefix?: string } = {}) {
  const password = options.password ?? "secret";
  const username = `${options.prefix ?? "user"}-${randomUUID().slice(0, 8)}`;
  const user = await db.user.create({
    data: {
      username,
      fullName: `Test ${username}`,
      email: `${username}@example.com`,
      passwordHash: await fixtureHash(password),
      role: options.role ?? "user",
    },
  });
  return { ...user, password };
}
