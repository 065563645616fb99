import bcrypt from "bcryptjs";
import { describe, expect, it } from "vitest";
import { JOHNDOE_SEED_HASH } from "@/prisma/seed-data";
import { burnPasswordCheck, dummyPasswordHash, hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("verify the seed post's $2b$12$ hash of 'secret'", async () => {
    expect(await verifyPassword("secret", JOHNDOE_SEED_HASH)).toBe(true);
    expect(await verifyPassword("Secret", JOHNDOE_SEED_HASH)).toBe(false);
  });

  it("hash with bcrypt at the given cost and verify after Unicode normalisation", async () => {
    const hash = await hashPassword("Ｐａｓｓ word", 4);
    expect(bcrypt.getRounds(hash)).toBe(4);
    expect(await verifyPassword("Pass word", hash)).toBe(true);
  });

  it("compare unknown users against a dummy hash of the configured cost", async () => {
    expect(bcrypt.getRounds(await dummyPasswordHash(5))).toBe(5);
    expect(await dummyPasswordHash(5)).toBe(await dummyPasswordHash(5));
    expect(await burnPasswordCheck("secret", 5)).toBe(false);
  });
});
