import { createHmac, randomInt } from "node:crypto";

/** Crockford's base32: no i, l, o or u, so nothing reads as another character. */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const GROUP = 5;
/** Ten characters of 32: 50 bits each. */
const LENGTH = 2 * GROUP;
export const RECOVERY_CODE_COUNT = 10;

/** Ten fresh codes, `xxxxx-xxxxx`, shown once and kept only as hashes. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
    return `${chars.slice(0, GROUP)}-${chars.slice(GROUP)}`;
  });
}

/** What a person typed, as stored: any case, dashes and spaces dropped, Crockford's look-alikes read as meant. */
export function normaliseRecoveryCode(typed: string): string | null {
  const code = typed
    .toLowerCase()
    .replace(/[\s-]+/g, "")
    .replace(/o/g, "0")
    .replace(/[il]/g, "1");
  return code.length === LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/**
 * HMAC-SHA256 under a key derived from the server secret, with the user id: a copy of the
 * database alone cannot test guesses, and a code is only ever one user's.
 */
export const hashRecoveryCode = (code: string, userId: number, key: Uint8Array): string => createHmac("sha256", key).update(`${userId}:${code}`).digest("hex");

/** The hashes stored for freshly made codes, read exactly as a typed code is. */
export const recoveryCodeHashes = (codes: readonly string[], userId: number, key: Uint8Array): string[] =>
  codes.map((code) => hashRecoveryCode(normaliseRecoveryCode(code)!, userId, key));
