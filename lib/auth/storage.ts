import type { AuditEventType } from "../contracts/audit";
import type { Role } from "../contracts/auth";

export type { AuditEventType };

/**
 * What the auth core needs from storage. lib/db implements it for SQLite and PostgreSQL;
 * one contract suite (tests/repositories.test.ts) holds every implementation to it.
 * State that several instances share lives behind these interfaces, never in memory.
 */

export interface UserRecord {
  id: number;
  username: string;
  email: string;
  fullName: string;
  passwordHash: string;
  role: Role;
  disabled: boolean;
  /** Changes with every new password: a login that checked an older one must not outlive it. */
  credentialVersion: number;
}

export interface UserStore {
  /** `username` must already be canonical (see canonicalUsername). */
  findByUsername(username: string): Promise<UserRecord | null>;
  findById(id: number): Promise<UserRecord | null>;
  /** Sets a new password hash and moves the credential version on, in one write. */
  setPasswordHash(id: number, passwordHash: string): Promise<void>;
}

export type RevokeReason =
  | "logout"
  | "reuse_detected"
  | "replaced_by_login"
  | "account_disabled"
  | "admin"
  | "password_changed"
  | "password_reset"
  | "user_deleted"
  | "signed_out_elsewhere"
  | "signed_out_everywhere"
  | "expired";

/** A login as sign-in writes it: generation 0. */
export interface NewLogin {
  /** A UUID: the access tokens' `sid`, sealed into every refresh token of the login. */
  id: string;
  userId: number;
  /** SHA-256 of the generation 0 token. */
  tokenHash: string;
  expiresAt: Date;
  absoluteExpiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** The last proof (sign-in or re-authentication): the access tokens' `auth_time`. */
  authTime: Date;
  /** How that proof was made, as RFC 8176 method values: the access tokens' `amr`. */
  amr: string[];
}

/** One login, however often it refreshed: its current token's generation and hash, never a token. */
export interface LoginRecord extends Omit<NewLogin, "userId"> {
  /** Null once the user has been deleted: a later refresh then answers "User account error.". */
  userId: number | null;
  generation: number;
  createdAt: Date;
  lastUsedAt: Date;
  /** When the previous generation was rotated into this one; null before the first rotation. */
  rotatedAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
}

export type LoginWithUser = LoginRecord & { user: UserRecord | null };

/** What a rotation writes: the next generation's token hash, expiry and device. */
export interface Rotation {
  tokenHash: string;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
}

/** A login (family) that may still be used, with its user's current role. */
export interface LiveLogin {
  userId: number;
  role: Role;
}

/** A login that has not been revoked and whose user exists and is enabled; its cap still counts. */
export interface LoginState extends LiveLogin {
  absoluteExpiresAt: Date;
}

/**
 * Logins, one record each. Rotation and every revocation write that one record, so they
 * are decided one after the other on every engine: a revocation that returned leaves no
 * live token of the login, and a rotation that lost to it wrote nothing.
 */
export interface LoginStore {
  /** The login with its user (null once deleted), in one read. */
  findWithUser(id: string): Promise<LoginWithUser | null>;
  /** The login a token from before logins had one row belongs to, and that token's generation there. */
  findByLegacyToken(tokenHash: string): Promise<{ login: LoginWithUser; generation: number } | null>;
  create(login: NewLogin, now: Date): Promise<void>;
  /**
   * Moves the login from generation `from` to the next, atomically and conditionally:
   * false, writing nothing, when another request (on any instance) rotated or revoked it first.
   */
  rotate(id: string, from: number, next: Rotation, now: Date): Promise<boolean>;
  /**
   * Marks the login used while it is still at generation `at` and not revoked: true when it
   * was, decided under the same rule as a rotation (a lost answer is handed out only then).
   */
  touch(id: string, at: number, now: Date): Promise<boolean>;
  /**
   * Records a new proof on a login that has not been revoked; an earlier `at` than the one
   * stored leaves the time as it is. False when the login has ended.
   */
  recordProof(id: string, at: Date, amr: string[]): Promise<boolean>;
  /** Whether the login was revoked by this call (false when it had already ended). */
  revoke(id: string, reason: RevokeReason, now: Date): Promise<boolean>;
  /** Every live login of the user, but `exceptId` when given; how many were revoked. */
  revokeUserLogins(userId: number, reason: RevokeReason, now: Date, exceptId?: string): Promise<number>;
  /** The login when it is neither revoked nor past its cap and its user exists and is enabled. */
  liveLogin(id: string, now: Date): Promise<LiveLogin | null>;
  /** What liveLogin decides on, without the clock: null once revoked, disabled or deleted. */
  loginState(id: string): Promise<LoginState | null>;
}

export interface ThrottleRow {
  key: string;
  failures: number;
  /** Attempts whose password is being checked now. */
  pending: number;
  windowStart: Date;
  lockedUntil: Date | null;
}

/** How a held attempt ended: a wrong password, one given back unchecked, or a right password. */
export type ThrottleSettlement = "failed" | "released" | "succeeded";

export interface ThrottleStore {
  /**
   * Holds a place for one attempt whose password is about to be checked, atomically
   * (parallel calls on any instance each take their own), only while the key is not locked
   * at `now` and its failures and the attempts already held stay under `limit`. A row whose
   * window began before `windowStartedBefore`, and that no lock holds, starts a new window
   * first. Whether the place was taken, and the row as it then stands.
   */
  hold(key: string, limit: number, now: Date, windowStartedBefore: Date): Promise<{ held: boolean; row: ThrottleRow }>;
  /**
   * Lets go of a held place: a failure is counted, a released place is given back, and a
   * success gives it back and clears the key's failures and lock. The row after, or null once
   * nothing is left to remember (no failure, no lock, nothing held).
   */
  settle(key: string, outcome: ThrottleSettlement, now: Date): Promise<ThrottleRow | null>;
  /** Counts an attempt refused without a check (one that came once a lock had ended) as a failure. */
  addFailure(key: string, now: Date): Promise<ThrottleRow>;
  /** Locks the key until `until`, or leaves a lock that already lasts longer. */
  lock(key: string, until: Date, now: Date): Promise<void>;
  /** Forgets every row whose key starts with `prefix` (which holds no LIKE wildcard); how many. */
  clearPrefix(prefix: string): Promise<number>;
}

export interface AuditEventInput {
  type: AuditEventType;
  /** Whom the event concerns. */
  userId?: number | null;
  username?: string | null;
  /** The admin who acted on them; left out when people act on their own account. */
  actorId?: number | null;
  actorUsername?: string | null;
  familyId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Small facts only: never a password, a token or a hash. */
  detail?: Record<string, string | number | boolean | null>;
}

export interface AuditLog {
  record(event: AuditEventInput, now: Date): Promise<void>;
}

export interface StoredSigningKey {
  kid: string;
  alg: string;
  publicJwk: string;
  privateKeyEnc: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface SigningKeyStore {
  /** Keys that are current, or retired after `retiredAfter`, newest first. */
  trusted(retiredAfter: Date): Promise<StoredSigningKey[]>;
  /**
   * Adds a key as the one current key, atomically. With `replace` the current key is
   * retired (a rotation); without it the key is added only while none is current (a first
   * start). False, writing nothing, when another instance made its key current first.
   */
  addCurrent(key: Omit<StoredSigningKey, "retiredAt">, replace: boolean): Promise<boolean>;
  /** Forgets keys retired before `before`: no token they signed can still be valid. How many. */
  deleteRetiredBefore(before: Date): Promise<number>;
}

/**
 * A version that moves on, in the writing transaction, with every write that can end a
 * login (a revocation, a user disabled, deleted or given another role) on any instance.
 */
export interface RevocationSignal {
  /** The current version, or null when the database keeps none. */
  version(): Promise<number | null>;
}

export interface AuthStorage {
  users: UserStore;
  logins: LoginStore;
  throttles: ThrottleStore;
  audit: AuditLog;
  signingKeys: SigningKeyStore;
  revocations: RevocationSignal;
}
