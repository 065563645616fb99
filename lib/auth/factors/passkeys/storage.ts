import type { NoticesFor } from "../../notifications/storage";

/** A registered passkey as the factor reads it. */
export interface PasskeyRecord {
  id: number;
  userId: number;
  /** base64url, as the browser names the credential. */
  credentialId: string;
  /** The COSE public key. */
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  aaguid: string;
  backedUp: boolean;
  deviceType: "singleDevice" | "multiDevice";
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export type NewPasskey = Omit<PasskeyRecord, "id" | "createdAt" | "lastUsedAt">;

/** What a ceremony's challenge is for: registering, or proving who someone is. */
export type ChallengePurpose = "register" | "sign_in" | "reauth" | "mfa";

export interface WebAuthnChallengeRecord {
  id: string;
  /** base64url, as the options carried it and clientDataJSON brings it back. */
  challenge: string;
  purpose: ChallengePurpose;
  /** The user a registration is for; null for the discoverable ceremonies. */
  userId: number | null;
  expiresAt: Date;
  usedAt: Date | null;
}

/**
 * What the passkey factor keeps, shared by every instance. The decisions a race could split
 * (spending a challenge, moving a counter on) are each one conditional UPDATE whose count is
 * the answer (lib/db/passkey-store.ts).
 */
export interface PasskeyStore {
  list(userId: number): Promise<PasskeyRecord[]>;
  count(userId: number): Promise<number>;
  /** Counts for many users at once (the admin list). */
  counts(userIds: readonly number[]): Promise<Map<number, number>>;
  findByCredentialId(credentialId: string): Promise<PasskeyRecord | null>;
  /** Null when the credential id is registered already (to anyone). */
  create(passkey: NewPasskey, now: Date, notices?: NoticesFor<PasskeyRecord>): Promise<PasskeyRecord | null>;
  /** The user's passkey renamed, or null when it is not theirs. */
  rename(userId: number, id: number, name: string): Promise<PasskeyRecord | null>;
  /** The user's passkey as it was, removed; null when it is not theirs. */
  remove(userId: number, id: number, notices?: NoticesFor<PasskeyRecord | null>): Promise<PasskeyRecord | null>;
  /** Removes every passkey of the user, and their pending challenges; how many passkeys. */
  removeAll(userId: number): Promise<number>;
  /**
   * Records a verified use: `UPDATE … SET counter, backedUp, lastUsedAt WHERE id AND (counter < :counter OR :counter = 0)`.
   * False when the row is gone or its counter is already at or past `counter` (a clone, or a replay that raced).
   */
  recordUse(id: number, counter: number, backedUp: boolean, now: Date): Promise<boolean>;

  /** Stores a challenge, and forgets ones that expired before `now`. */
  createChallenge(challenge: Omit<WebAuthnChallengeRecord, "usedAt">, now: Date): Promise<void>;
  findChallenge(id: string): Promise<WebAuthnChallengeRecord | null>;
  findChallengeByValue(challenge: string): Promise<WebAuthnChallengeRecord | null>;
  /** `UPDATE … SET usedAt WHERE id AND usedAt IS NULL AND expiresAt > now`: whether this call spent it. */
  spendChallenge(id: string, now: Date): Promise<boolean>;
}
