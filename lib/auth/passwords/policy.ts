import { createHash } from "node:crypto";
import commonPasswords from "../../../data/common-passwords.json";
import { checkPassword, commonPasswordSet, type PasswordOwner, type PasswordVerdict } from "../../contracts/password-policy";

const BCRYPT_MAX_BYTES = 72;

const COMMON = commonPasswordSet(commonPasswords);

/** Checks a password someone is about to set, by the rule the dashboard's hint shows. */
export function checkNewPassword(password: string, owner: PasswordOwner = {}): PasswordVerdict {
  return checkPassword(password, owner, COMMON);
}

/** The string to give bcrypt for a password, hashing or verifying. */
export function bcryptInput(password: string): string {
  const normalized = password.normalize("NFKC");
  // Pre-hash only past bcrypt's 72-byte cut, so long passwords count in full while every shorter one (and its stored hash) is unchanged.
  if (Buffer.byteLength(normalized, "utf8") <= BCRYPT_MAX_BYTES) return normalized;
  return createHash("sha256").update(normalized, "utf8").digest("base64");
}
