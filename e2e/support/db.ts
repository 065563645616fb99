import Database from "better-sqlite3";
import { databasePath } from "./settings";

export interface SessionRow {
  id: string;
  familyId: string;
  rotatedAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
}

/** Prisma's SQLite adapter stores DateTime as ISO text with an explicit offset. */
const prismaDate = (date: Date) => date.toISOString().replace("Z", "+00:00");

function withDatabase<T>(work: (db: Database.Database) => T): T {
  const db = new Database(databasePath());
  db.pragma("busy_timeout = 5000");
  try {
    return work(db);
  } finally {
    db.close();
  }
}

export function sessionsOfFamily(familyId: string): SessionRow[] {
  return withDatabase((db) =>
    db
      .prepare("SELECT id, familyId, rotatedAt, revokedAt, revokedReason FROM Session WHERE familyId = ? ORDER BY createdAt")
      .all(familyId) as SessionRow[],
  );
}

/** What an administrator revoking the session would do, straight in the database. */
export function revokeFamily(familyId: string): number {
  return withDatabase(
    (db) =>
      db
        .prepare("UPDATE Session SET revokedAt = ?, revokedReason = 'admin' WHERE familyId = ? AND revokedAt IS NULL")
        .run(prismaDate(new Date()), familyId).changes,
  );
}
