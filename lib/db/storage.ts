import type { AuthStorage } from "../auth/storage";
import { prismaAuditLog } from "./audit-log";
import type { Db } from "./client";
import { prismaRevocationSignal } from "./revocation-signal";
import { prismaLoginStore } from "./login-store";
import { prismaSigningKeyStore } from "./signing-key-store";
import { prismaThrottleStore } from "./throttle-store";
import { prismaUserStore } from "./user-store";

/** The auth core's storage on one Prisma client, SQLite or PostgreSQL alike. */
export function prismaStorage(db: Db): AuthStorage {
  return {
    users: prismaUserStore(db),
    logins: prismaLoginStore(db),
    throttles: prismaThrottleStore(db),
    audit: prismaAuditLog(db),
    signingKeys: prismaSigningKeyStore(db),
    revocations: prismaRevocationSignal(db),
  };
}
