import { createHash, createHmac, randomBytes } from "node:crypto";

const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh opaque refresh token: 32 random bytes, base64url. */
export function newRefreshToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function isWellFormedRefreshToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** What the database keeps instead of the token. */
export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * The token that replaces `token` on rotation. Deterministic, so a replay within the
 * grace window gets the same successor back instead of forking the family, and the
 * database still never holds a raw token.
 */
export function successorToken(token: string, rotationKey: Uint8Array): string {
  return createHmac("sha256", rotationKey).update(token, "utf8").digest("base64url");
}
