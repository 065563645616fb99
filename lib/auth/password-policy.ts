import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;
const BCRYPT_MAX_BYTES = 72;

export type PasswordVerdict = { ok: true } | { ok: false; reason: string };

let commonPasswords: Set<string> | undefined;

// Resolved from the working directory, not this module's location: Turbopack bundles server
// code, so a path relative to the module is unreliable; the app always starts from the project root.
function isCommonPassword(password: string): boolean {
  if (!commonPasswords) {
    const text = readFileSync(path.join(process.cwd(), "data/common-passwords.txt"), "utf8");
    commonPasswords = new Set(
      text
        .split(/\r?\n/)
        .filter((line) => line !== "")
        .map((line) => line.toLowerCase()),
    );
  }
  return commonPasswords.has(password.toLowerCase());
}

/** Checks a password someone is about to set (OWASP ASVS 5.0 §6.2); no composition rules. */
export function checkNewPassword(password: string, context: { username?: string } = {}): PasswordVerdict {
  const normalized = password.normalize("NFKC");
  const length = [...normalized].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return { ok: false, reason: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return { ok: false, reason: `Use at most ${MAX_PASSWORD_LENGTH} characters.` };
  }
  const username = context.username?.normalize("NFKC").toLowerCase();
  if (username !== undefined && normalized.toLowerCase() === username) {
    return { ok: false, reason: "Your password cannot be your username." };
  }
  if (isCommonPassword(normalized)) {
    return { ok: false, reason: "This password is too common; choose one that is harder to guess." };
  }
  return { ok: true };
}

/** The string to give bcrypt for a password, hashing or verifying. */
export function bcryptInput(password: string): string {
  const normalized = password.normalize("NFKC");
  // Pre-hash only past bcrypt's 72-byte cut, so long passwords count in full while every shorter one (and its stored hash) is unchanged.
  if (Buffer.byteLength(normalized, "utf8") <= BCRYPT_MAX_BYTES) return normalized;
  return createHash("sha256").update(normalized, "utf8").digest("base64");
}
