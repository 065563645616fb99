import type { AuditFilter } from "../../contracts/audit";
import type { Role } from "../../contracts/auth";
import type { ListQuery } from "../../contracts/list-query";
import type { SessionFilter } from "../../contracts/sessions";
import type { UserFilter } from "../../contracts/users";
import type { NoticesFor, UserRecord } from "../storage";

/**
 * What the admin operations need from storage, beside the auth core's own stores.
 * lib/db implements it for SQLite and PostgreSQL; the admin-* suites run on both.
 */

export interface UserSummary {
  id: number;
  username: string;
  fullName: string;
  email: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  /** Live logins, as the sessions list counts them. */
  activeSessions: number;
  /** Signs in with a TOTP second step. */
  totpEnabled: boolean;
  /** Passkeys registered. */
  passkeyCount: number;
}

export interface NewUser {
  username: string;
  fullName: string;
  email: string;
  role: Role;
  passwordHash: string;
}

export type UserChange = Partial<Pick<UserRecord, "fullName" | "email" | "role" | "disabled" | "passwordHash">>;

/**
 * Refusals the directory decides atomically with the write: the last enabled admin stays
 * one, and a user who still owns invoices is not deleted.
 */
export type UserWriteRefusal = "not_found" | "last_admin" | "owns_invoices";

/** What an administrator's second-factor reset removed and ended. */
export interface SecondFactorReset {
  hadTotp: boolean;
  passkeysRemoved: number;
  sessionsRevoked: number;
}

export interface UserDirectory {
  list(query: ListQuery<UserFilter>, now: Date): Promise<{ rows: UserSummary[]; total: number }>;
  get(id: number, now: Date): Promise<UserSummary | null>;
  /** Null when the username is taken. */
  create(user: NewUser, now: Date): Promise<UserRecord | null>;
  /**
   * Applies the change or refuses. A new password hash, or re-enabling a disabled user, ends
   * every login of the user in the same transaction (disabled users' logins are refused on
   * use, and must not come back with the account).
   */
  update(id: number, change: UserChange, now: Date, notices?: NoticesFor<{ before: UserRecord; after: UserRecord }>): Promise<{ before: UserRecord; after: UserRecord; sessionsRevoked: number } | { refused: UserWriteRefusal; invoices?: number }>;
  /**
   * Removes the user's TOTP, recovery codes and passkeys and ends their logins (reason `admin`),
   * with the notices, in one transaction.
   */
  resetSecondFactor(id: number, now: Date, notices: NoticesFor<SecondFactorReset>): Promise<SecondFactorReset>;
  /** Ends the user's logins (reason `user_deleted`) and deletes them, or refuses. */
  delete(id: number, now: Date): Promise<{ deleted: UserRecord } | { refused: UserWriteRefusal; invoices?: number }>;
}

export interface LoginSummary {
  /** The login's id: the `sid` of its access tokens. */
  id: string;
  userId: number;
  username: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface LoginDirectory {
  /** Live logins: not revoked, before their absolute cap, with a refresh token not yet expired. */
  list(query: ListQuery<SessionFilter>, now: Date): Promise<{ rows: LoginSummary[]; total: number }>;
  get(familyId: string, now: Date): Promise<LoginSummary | null>;
}

export interface StoredAuditEvent {
  id: number;
  at: Date;
  type: string;
  userId: number | null;
  username: string | null;
  actorId: number | null;
  actorUsername: string | null;
  familyId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: string | null;
}

export interface AuditTrail {
  list(query: ListQuery<AuditFilter>): Promise<{ rows: StoredAuditEvent[]; total: number }>;
}

export type BucketUnit = "hour" | "day";

export interface ActivityCounts {
  /** Start of the bucket, UTC. */
  start: Date;
  loginSucceeded: number;
  loginFailed: number;
  loginThrottled: number;
  refreshed: number;
  reuseDetected: number;
  /** Wrong or refused second-step codes at sign-in (mfa.failed). */
  secondStepFailed: number;
}

export interface ActivityStats {
  /** One entry per bucket from `from` (aligned to the unit) up to `to`, counted by the database. */
  buckets(from: Date, to: Date, unit: BucketUnit): Promise<ActivityCounts[]>;
  summary(now: Date, since: Date): Promise<{ users: number; activeSessions: number; signInsToday: number; failedSignInsToday: number }>;
}

export interface ManageStorage {
  users: UserDirectory;
  logins: LoginDirectory;
  auditTrail: AuditTrail;
  activity: ActivityStats;
}
