import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A refresh token names its login and generation, sealed with a MAC, next to a secret:
 * `version | login id (16) | generation (4) | secret (32) | seal (16)`, base64url. The
 * login's one row keeps the current generation and the SHA-256 of its token, never a token.
 * The seal lets any genuine token, however old, be placed in its login without a row per
 * token; the secret is what makes a token unguessable even to someone holding the key.
 */
const VERSION = 1;
const ID_BYTES = 16;
const GENERATION_BYTES = 4;
const SECRET_BYTES = 32;
const SEAL_BYTES = 16;
const BODY_BYTES = 1 + ID_BYTES + GENERATION_BYTES + SECRET_BYTES;
const SEALED_PATTERN = /^[A-Za-z0-9_-]{92}$/;
/** Tokens issued before logins had one row each: 32 random bytes (or their HMAC successor). */
const LEGACY_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MAX_GENERATION = 0xffff_ffff;

export interface RefreshTokenKeys {
  /** Derives a token's successor from the token itself, so a replay gets the same one. */
  successor: Uint8Array;
  /** Seals a token's login and generation: a forged or altered token is refused unread. */
  seal: Uint8Array;
}

/** What a presented token says of itself once its seal checked out; a legacy token is found by its hash. */
export type PresentedToken = { format: "sealed"; loginId: string; generation: number } | { format: "legacy" };

export function isWellFormedRefreshToken(value: string): boolean {
  return SEALED_PATTERN.test(value) || LEGACY_PATTERN.test(value);
}

/** What the database keeps instead of the token. */
export function hashRefreshToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function idBytes(loginId: string): Buffer {
  const hex = loginId.replaceAll("-", "");
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error("a login id must be a UUID");
  return Buffer.from(hex, "hex");
}

function idText(bytes: Buffer): string {
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const sealOf = (body: Buffer, key: Uint8Array) => createHmac("sha256", key).update(body).digest().subarray(0, SEAL_BYTES);

function sealed(loginId: string, generation: number, secret: Buffer, keys: RefreshTokenKeys): string {
  if (!Number.isInteger(generation) || generation < 0 || generation > MAX_GENERATION) throw new RangeError(`no token has generation ${generation}`);
  const body = Buffer.alloc(BODY_BYTES);
  body.writeUInt8(VERSION, 0);
  idBytes(loginId).copy(body, 1);
  body.writeUInt32BE(generation, 1 + ID_BYTES);
  secret.copy(body, 1 + ID_BYTES + GENERATION_BYTES);
  return Buffer.concat([body, sealOf(body, keys.seal)]).toString("base64url");
}

/** A new login's first token: generation 0 with a fresh random secret. */
export function firstRefreshToken(loginId: string, keys: RefreshTokenKeys): string {
  return sealed(loginId, 0, randomBytes(SECRET_BYTES), keys);
}

/**
 * The token of `generation` that replaces `token`. Deterministic, so a replay gets the same
 * successor back instead of forking the login. A legacy token's successor at generation 0 or
 * below is in the legacy form, as it was issued before the upgrade.
 */
export function successorRefreshToken(token: string, loginId: string, generation: number, keys: RefreshTokenKeys): string {
  const secret = createHmac("sha256", keys.successor).update(token, "utf8").digest();
  return generation <= 0 ? secret.toString("base64url") : sealed(loginId, generation, secret, keys);
}

/** What `token` says of itself, or null when it is not one of ours (malformed, forged, altered). */
export function readRefreshToken(token: string, keys: RefreshTokenKeys): PresentedToken | null {
  if (LEGACY_PATTERN.test(token)) return { format: "legacy" };
  if (!SEALED_PATTERN.test(token)) return null;
  const bytes = Buffer.from(token, "base64url");
  const body = bytes.subarray(0, BODY_BYTES);
  if (body.readUInt8(0) !== VERSION || !timingSafeEqual(bytes.subarray(BODY_BYTES), sealOf(body, keys.seal))) return null;
  return { format: "sealed", loginId: idText(body.subarray(1, 1 + ID_BYTES)), generation: body.readUInt32BE(1 + ID_BYTES) };
}
