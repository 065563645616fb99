import { randomBytes } from "node:crypto";
import { decryptPrivateKey, encryptPrivateKey } from "../../tokens/keys/key-encryption";
import { base32Encode, TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "./rfc6238";

const ISSUER = "Gatehouse";
/** RFC 4226 §4 asks for 128 bits and recommends 160: SHA-1's own length. */
const SECRET_BYTES = 20;

export const newTotpSecret = (): string => base32Encode(randomBytes(SECRET_BYTES));

/** Key URI Format: what authenticator apps read from the QR code. */
export function otpauthUri(username: string, secret: string): string {
  const label = `${encodeURIComponent(ISSUER)}:${encodeURIComponent(username)}`;
  const query = new URLSearchParams({ secret, issuer: ISSUER, algorithm: "SHA1", digits: String(TOTP_DIGITS), period: String(TOTP_PERIOD_SECONDS) });
  return `otpauth://totp/${label}?${query}`;
}

// Sealed as the signing keys are (AES-256-GCM); the user id is the associated data, so a
// sealed secret copied onto another user's row does not open.
const aad = (userId: number) => `totp:${userId}`;

export const sealTotpSecret = (secret: string, userId: number, key: Uint8Array): string => encryptPrivateKey(Buffer.from(secret), aad(userId), key);

export const openTotpSecret = (sealed: string, userId: number, key: Uint8Array): string => decryptPrivateKey(sealed, aad(userId), key).toString();
