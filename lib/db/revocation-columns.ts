/**
 * The writes that can end a login: what the live-login view decides on. The migrations'
 * triggers move the RevocationClock on exactly these, on both engines
 * (tests/revocation-triggers.test.ts reads them from a migrated database and holds them to
 * this list), and revoking-writes.ts counts this process's own.
 */
export const REVOKING_WRITES = {
  Login: { updateOf: ["revokedAt"], delete: true },
  User: { updateOf: ["disabled", "role"], delete: true },
} as const satisfies Record<string, { updateOf: readonly string[]; delete: boolean }>;

export type RevokingTable = keyof typeof REVOKING_WRITES;
