import { hkdfSync } from "node:crypto";

/** Separate keys for separate jobs, all from the one configured secret. */
export function deriveKey(secret: string, purpose: string, bytes = 32): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", secret, "gatehouse", purpose, bytes));
}
