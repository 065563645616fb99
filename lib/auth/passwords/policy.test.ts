import bcrypt from "bcryptjs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bcryptInput, checkNewPassword } from "./policy";

const refused = (reason: RegExp) => ({ ok: false, reason: expect.stringMatching(reason) });

describe("checkNewPassword", () => {
  it("needs at least 8 characters", () => {
    expect(checkNewPassword("kR7#vq2")).toEqual(refused(/at least 8 characters/));
    expect(checkNewPassword("kR7#vq2m")).toEqual({ ok: true });
  });

  it("allows long passwords up to 128 characters", () => {
    const of64 = "correct horse battery staple ".repeat(3).slice(0, 64);
    const of100 = "n".repeat(40) + "-tidal-lantern-" + "q".repeat(45);
    expect([of64.length, of100.length]).toEqual([64, 100]);
    expect(checkNewPassword(of64)).toEqual({ ok: true });
    expect(checkNewPassword(of100)).toEqual({ ok: true });
    expect(checkNewPassword("z".repeat(128))).toEqual({ ok: true });
    expect(checkNewPassword("z".repeat(129))).toEqual(refused(/at most 128 characters/));
  });

  it("counts code points, not UTF-16 units or bytes", () => {
    // Each emoji is two UTF-16 units and four UTF-8 bytes.
    expect(checkNewPassword("🔑🦊🌵🎲🚲🍋🪁")).toEqual(refused(/at least 8/));
    expect(checkNewPassword("🔑🦊🌵🎲🚲🍋🪁🧭")).toEqual({ ok: true });
    expect(checkNewPassword("ж".repeat(128))).toEqual({ ok: true });
    expect(checkNewPassword("🔑".repeat(128))).toEqual({ ok: true });
    expect(checkNewPassword("🔑".repeat(129))).toEqual(refused(/at most 128/));
  });

  it("counts after NFKC normalisation", () => {
    // U+FB03 (ﬃ) becomes "ffi": 6 code points typed, 8 after normalisation.
    expect(checkNewPassword("ﬃ7#vqR")).toEqual({ ok: true });
  });

  it("refuses passwords from the common list whatever their case", () => {
    for (const common of ["password", "123456789", "Qwerty123", "iloveyou", "Password1", "TRUSTNO1", "24081990"]) {
      expect(checkNewPassword(common)).toEqual(refused(/too common/));
    }
    // Full-width letters normalise to a listed password.
    expect(checkNewPassword("ｐａｓｓｗｏｒｄ")).toEqual(refused(/too common/));
  });

  it("refuses the username as the password", () => {
    expect(checkNewPassword("JohnDoe-admin", { username: "johndoe-ADMIN" })).toEqual(refused(/username/));
    expect(checkNewPassword("JohnDoe-admin", { username: "janedoe-admin" })).toEqual({ ok: true });
  });

  it("refuses a password containing the username or the email's local part (ASVS 6.2.11)", () => {
    const jane = { username: "janedoe", email: "jane.doe@example.com" };
    expect(checkNewPassword("janedoe123", jane)).toEqual(refused(/the username/));
    expect(checkNewPassword("my-JANEDOE-key", jane)).toEqual(refused(/the username/));
    expect(checkNewPassword("jane.doe-2026!", jane)).toEqual(refused(/the name in the email address/));
    expect(checkNewPassword("tidal lantern harbour", jane)).toEqual({ ok: true });
  });

  it("refuses common passwords with digits or symbols around them", () => {
    for (const likePassword of ["password2026", "Password!", "!!monkey123", "Dragon-1"]) {
      expect(checkNewPassword(likePassword)).toEqual(refused(/too common/));
    }
    expect(checkNewPassword("dragonfly lantern 7")).toEqual({ ok: true });
  });

  it("sets no composition rules", () => {
    expect(checkNewPassword("lowercase only but long")).toEqual({ ok: true });
  });
});

describe("bcryptInput", () => {
  it("passes 72 bytes or fewer through unchanged, after NFKC", () => {
    expect(bcryptInput("secret")).toBe("secret");
    expect(bcryptInput("Ｐａｓｓ")).toBe("Pass");
    const exactly72 = "é".repeat(36);
    expect(Buffer.byteLength(exactly72)).toBe(72);
    expect(bcryptInput(exactly72)).toBe(exactly72);
  });

  it("pre-hashes longer input so bytes past 72 still count", () => {
    const shared = "a".repeat(72);
    const one = bcryptInput(`${shared}1`);
    const two = bcryptInput(`${shared}2`);
    expect(one).not.toBe(two);
    expect(one).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    // bcrypt alone would have treated them as the same password.
    const hash = bcrypt.hashSync(`${shared}1`, 4);
    expect(bcrypt.compareSync(`${shared}2`, hash)).toBe(true);
    expect(bcrypt.compareSync(two, bcrypt.hashSync(one, 4))).toBe(false);
  });
});

describe("common-passwords.json", () => {
  it("holds exactly 10,000 distinct passwords", () => {
    const lines = JSON.parse(readFileSync(path.join(process.cwd(), "data/common-passwords.json"), "utf8")) as string[];
    expect(lines).toHaveLength(10_000);
    expect(new Set(lines).size).toBe(10_000);
    expect(lines.every((line) => line.trim() !== "")).toBe(true);
    expect(lines.slice(0, 3)).toEqual(["123456", "password", "12345678"]);
  });
});
