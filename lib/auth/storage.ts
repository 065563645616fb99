import type { AuditLog } from "./audit/storage";
import type { SeenProofStore } from "./device-binding/storage";
import type { PasskeyStore } from "./factors/passkeys/storage";
import type { MfaStore } from "./factors/storage";
import type { NotificationStore } from "./notifications/storage";
import type { LoginStore, RevocationSignal } from "./sessions/storage";
import type { ThrottleStore } from "./throttle/storage";
import type { SigningKeyStore } from "./tokens/keys/storage";
import type { UserStore } from "./user-storage";

export type { SeenProofStore } from "./device-binding/storage";
export type { AuditEventInput, AuditEventType, AuditLog } from "./audit/storage";
export type {
  LiveLogin,
  LoginRecord,
  LoginState,
  LoginStore,
  LoginWithUser,
  NewLogin,
  RevocationSignal,
  RevokeReason,
  Rotation,
} from "./sessions/storage";
export type { NewNotice, NoticesFor, NotificationStore, StoredNotification } from "./notifications/storage";
export type { ThrottleRow, ThrottleSettlement, ThrottleStore } from "./throttle/storage";
export type { SigningKeyStore, StoredSigningKey } from "./tokens/keys/storage";
export type { UserRecord, UserStore } from "./user-storage";

/**
 * What the auth core needs from storage. lib/db implements it for SQLite and PostgreSQL;
 * one contract suite (tests/repositories.test.ts) holds every implementation to it.
 * State that several instances share lives behind these interfaces, never in memory.
 * Each feature keeps its own port beside it; this file gathers them.
 */
export interface AuthStorage {
  users: UserStore;
  logins: LoginStore;
  throttles: ThrottleStore;
  audit: AuditLog;
  signingKeys: SigningKeyStore;
  revocations: RevocationSignal;
  mfa: MfaStore;
  passkeys: PasskeyStore;
  notifications: NotificationStore;
  seenProofs: SeenProofStore;
}
