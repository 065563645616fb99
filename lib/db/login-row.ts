import type { LoginRecord, LoginWithUser, UserRecord } from "../auth/storage";
import { proofOf, type StoredProof } from "./login-proof";
import { toUserRecord } from "./user-store";

/** A login joined with its user by raw SQL: the user's columns come prefixed `user_`, all null once it is deleted. */
export interface LoginWithUserRow extends Omit<LoginRecord, keyof StoredProof>, StoredProof {
  user_id: number | null;
  user_username: string | null;
  user_email: string | null;
  user_fullName: string | null;
  user_passwordHash: string | null;
  user_role: string | null;
  user_disabled: boolean | number | null;
  user_credentialVersion: number | null;
  unreadNotifications: number | bigint | null;
}

function userOf(row: LoginWithUserRow): UserRecord | null {
  if (row.user_id === null) return null;
  return toUserRecord({
    id: Number(row.user_id),
    username: row.user_username!,
    email: row.user_email!,
    fullName: row.user_fullName!,
    passwordHash: row.user_passwordHash!,
    role: row.user_role!,
    // SQLite may hand a boolean column back as 0/1 when it cannot tell the column's type.
    disabled: Boolean(row.user_disabled),
    credentialVersion: Number(row.user_credentialVersion),
  });
}

export function loginWithUser(row: LoginWithUserRow): LoginWithUser {
  return {
    id: row.id,
    userId: row.userId === null ? null : Number(row.userId),
    generation: Number(row.generation),
    tokenHash: row.tokenHash,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    rotatedAt: row.rotatedAt,
    expiresAt: row.expiresAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    userAgent: row.userAgent,
    ip: row.ip,
    dpopJkt: row.dpopJkt,
    ...proofOf(row),
    user: userOf(row),
    unreadNotifications: Number(row.unreadNotifications ?? 0),
  };
}
