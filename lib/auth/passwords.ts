import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";

const dummyHashes = new Map<number, Promise<string>>();

/**
 * A hash, at the configured cost, of a random value nobody knows. Unknown usernames
 * are compared against it so they cost the same time as a wrong password.
 */
export function dummyPasswordHash(cost: number): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = bcrypt.hash(randomBytes(24).toString("base64url"), cost);
    dummyHashes.set(cost, hash);
  }
  return hash;
}

export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

export async function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(normalizePassword(password), cost);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(normalizePassword(password), hash);
}

/** Compares against the dummy hash and always answers false: the unknown-user path. */
export async function burnPasswordCheck(password: string, cost: number): Promise<false> {
  await bcrypt.compare(normalizePassword(password), await dummyPasswordHash(cost));
  return false;
}
