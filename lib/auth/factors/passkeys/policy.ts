import type { AuthMethod } from "../proof";

/** The passkey factor's fixed choices (docs/passkeys.md explains each). */
export const PASSKEY_POLICY = {
  /** How long a ceremony's challenge may be answered. */
  challengeTtlSeconds: 300,
  /** Passkeys one person may register: storage per user stays bounded. */
  maxPerUser: 25,
  /** The name authenticators show beside the account. */
  rpName: "Gatehouse",
  /**
   * The throttle counts refused passkey attempts per address under this name, beside the
   * password attempts' (username, address) pairs; the address's own count is shared with them.
   */
  throttleName: "\u0000passkey",
} as const;

/** RFC 8176: a key proven by possession (`pop`), a user presence/verification test (`user`), and both factors at once (`mfa`). */
export const PASSKEY_AMR: readonly AuthMethod[] = ["pop", "user", "mfa"];

/** A password and a passkey as its second step. */
export const PASSWORD_AND_PASSKEY_AMR: readonly AuthMethod[] = ["pwd", "pop", "user", "mfa"];
