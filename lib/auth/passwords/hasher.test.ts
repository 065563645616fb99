import bcrypt from "bcryptjs";
import { afterAll, describe, expect, it } from "vitest";
import { JOHNDOE_SEED_HASH } from "@/prisma/seed-data";
import { createPasswordPool } from "./pool";
import { pooledHasher } from "./hasher";

const pool = createPasswordPool({ size: 1, maxQueue: 8 });
const hasher = pooledHasher(pool);
afterAll(() => pool.close());

describe("the pooled password hasher", () => {
  it("verifies the seed post's $2b$12$ hash of 'secret'", async () => {
    expect(await hasher.verify("secret", JOHNDOE_SEED_HASH)).toBe(true);
    expect(await hasher.verify("Secret", JOHNDOE_SEED_HASH)).toBe(false);
  });

  it("hashes at the given cost and verifies after Unicode normalisation", async () => {
    const hash = await hasher.hash("Ｐａｓｓ word", 4);
    expect(bcrypt.getRounds(hash)).toBe(4);
    expect(await hasher.verify("Pass word", hash)).toBe(true);
  });

  it("never truncates at bcrypt's 72 bytes: passwords sharing the first 72 bytes differ", async () => {
    const long = "a".repeat(72);
    const hash = await hasher.hash(long + "one", 4);
    expect(await hasher.verify(long + "one", hash)).toBe(true);
    expect(await hasher.verify(long + "two", hash)).toBe(false);
  });

  it("burns a full-cost comparison for unknown users against a hash of the configured cost", async () => {
    const before = pool.stats().completed;
    expect(await hasher.burn("secret", 5)).toBe(false);
    // One hash made for the dummy, one comparison against it; the dummy is then reused.
    expect(pool.stats().completed - before).toBe(2);
    expect(await hasher.burn("secret", 5)).toBe(false);
    expect(pool.stats().completed - before).toBe(3);
  });
});

describe("a full pool", () => {
  it("answers 503 with Retry-After instead of queueing without bound", async () => {
    const tiny = createPasswordPool({ size: 1, maxQueue: 0 });
    const hasher = pooledHasher(tiny);
    try {
      const running = hasher.verify("secret", JOHNDOE_SEED_HASH);
      await expect(hasher.verify("secret", JOHNDOE_SEED_HASH)).rejects.toMatchObject({ kind: "busy", retryAfterSeconds: 1 });
      expect(await running).toBe(true);
    } finally {
      await tiny.close();
    }
  });
});
