import type { Role } from "../../contracts/auth";
import type { NoticesFor } from "../notifications/storage";
import type { UserRecord } from "../user-storage";

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
  | "expired"
  /** A refresh of a device-bound login proved another key: the cookie travelled without the device. */
  | "wrong_device_key";

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
  /** The RFC 7638 thumbprint of the device key the login is bound to (docs/dpop.md); null or absent: unbound. */
  dpopJkt?: string | null;
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
  dpopJkt: string | null;
}

export type LoginWithUser = LoginRecord & {
  user: UserRecord | null;
  /** The user's unread notices, read with the login, so the token answer needs no query of its own. */
  unreadNotifications?: number;
};

/** What a rotation writes: the next generation's token hash, expiry and device. */
export interface Rotation {
  tokenHash: string;
  expiresAt: Date;
  userAgent: string | null;
  ip: string | null;
  /** A bound login's proof, taken in the rotation's own write: a proof seen before fails it. */
  proof?: { id: string; expiresAt: Date };
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
  /** With `notices`, they are written in the same transaction as the login (a new device). */
  create(login: NewLogin, now: Date, notices?: NoticesFor<boolean>): Promise<void>;
  /**
   * Moves the login from generation `from` to the next, atomically and conditionally:
   * false, writing nothing, when another request (on any instance) rotated or revoked it first;
   * `proof_seen`, writing nothing, when `next.proof` was taken before (on any instance).
   */
  rotate(id: string, from: number, next: Rotation, now: Date): Promise<boolean | "proof_seen">;
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
  revoke(id: string, reason: RevokeReason, now: Date, notices?: NoticesFor<boolean>): Promise<boolean>;
  /** Every live login of the user, but `exceptId` when given; how many were revoked. */
  revokeUserLogins(userId: number, reason: RevokeReason, now: Date, exceptId?: string, notices?: NoticesFor<number>): Promise<number>;
  /** The login when it is neither revoked nor past its cap and its user exists and is enabled. */
  liveLogin(id: string, now: Date): Promise<LiveLogin | null>;
  /** What liveLogin decides on, without the clock: null once revoked, disabled or deleted. */
  loginState(id: string): Promise<LoginState | null>;
}

/**
 * A version that moves on, in the writing transaction, with every write that can end a
 * login (a revocation, a user disabled, deleted or given another role) on any instance.
 */
export interface RevocationSignal {
  /** The current version, or null when the database keeps none. */
  version(): Promise<number | null>;
}
