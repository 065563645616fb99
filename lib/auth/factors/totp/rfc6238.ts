import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * RFC 6238 TOTP (HMAC-SHA1, 6 digits, 30-second steps) over RFC 4226's truncation.
 * otplib was the intended library but is not installed in this project; this is the whole
 * algorithm, checked against the RFCs' own test vectors (rfc6238.test.ts), behind the two
 * functions the factor uses, so swapping a library in touches this file only.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
/** Steps of clock skew accepted either side of now. */
export const TOTP_WINDOW = 1;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** RFC 4648 base32 without padding, as authenticator apps take a secret. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/=+$/, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new Error("not base32");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 30-second step a moment falls in (RFC 6238's T). */
export const timeStep = (at: Date): number => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** RFC 4226 HOTP of `counter`, `digits` long. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: "sha1" | "sha256" | "sha512" = "sha1"): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(binary).padStart(digits, "0");
}

/** The code an app shows at `at` for a base32 secret. */
export const totpCode = (secret: string, at: Date): string => hotp(base32Decode(secret), timeStep(at));

/**
 * The step within the window whose code `code` is, or null. Every step of the window is
 * compared, in constant time, so the answer's timing does not say which one matched.
 */
export function matchingStep(secret: string, code: string, at: Date): number | null {
  const key = base32Decode(secret);
  const now = timeStep(at);
  const given = Buffer.from(code.padEnd(TOTP_DIGITS, " ").slice(0, TOTP_DIGITS));
  let found: number | null = null;
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    const same = timingSafeEqual(Buffer.from(hotp(key, step)), given);
    // The latest matching step: a code can only stand for one step in practice.
    if (same) found = step;
  }
  return code.length === TOTP_DIGITS ? found : null;
}
