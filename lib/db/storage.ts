import type { AuthStorage } from "../auth/storage";
import { prismaAuditLog } from "./audit-log";
import type { Database } from "./client";
import { prismaRevocationSignal } from "./revocation-signal";
import { prismaLoginStore } from "./login-store";
import { prismaMfaStore } from "./mfa-store";
import { prismaNotificationStore } from "./notification-store";
import { prismaPasskeyStore } from "./passkey-store";
import { prismaSeenProofStore } from "./seen-proof-store";
import { prismaSigningKeyStore } from "./signing-key-store";
import { prismaThrottleStore } from "./throttle-store";
import { prismaUserStore } from "./user-store";

/** The auth core's storage on one database, SQLite or PostgreSQL alike. */
export function prismaStorage(database: Pick<Database, "db" | "engine" | "outbox">): AuthStorage {
  return {
    users: prismaUserStore(database),
    logins: prismaLoginStore(database),
    throttles: prismaThrottleStore(database),
    audit: prismaAuditLog(database),
    signingKeys: prismaSigningKeyStore(database),
    revocations: prismaRevocationSignal(database),
    mfa: prismaMfaStore(database),
    passkeys: prismaPasskeyStore(database),
    notifications: prismaNotificationStore(database),
    seenProofs: prismaSeenProofStore(database),
  };
}
