import { decryptPrivateKey, encryptPrivateKey } from "../../tokens/keys/key-encryption";
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from "./codes";

const ISSUER = "Gatehouse";

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
