import type { ManageStorage } from "../auth/manage/storage";
import { prismaActivityStats } from "./activity-stats";
import { prismaAuditTrail } from "./audit-trail";
import type { Database } from "./client";
import { prismaLoginDirectory } from "./login-directory";
import { prismaUserDirectory } from "./user-directory";

/** The admin operations' storage on one database, SQLite or PostgreSQL alike. */
export function prismaManageStorage(database: Pick<Database, "db" | "engine" | "outbox">): ManageStorage {
  return {
    users: prismaUserDirectory(database),
    logins: prismaLoginDirectory(database),
    auditTrail: prismaAuditTrail(database),
    activity: prismaActivityStats(database),
  };
}
