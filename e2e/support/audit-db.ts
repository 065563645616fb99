import Database from "better-sqlite3";
import { databasePath } from "./settings";

export interface AuditRow {
  type: string;
  username: string | null;
  ip: string | null;
}

export function auditEventsFor(username: string): AuditRow[] {
  const db = new Database(databasePath(), { readonly: true });
  try {
    return db.prepare("SELECT type, username, ip FROM AuditEvent WHERE username = ? ORDER BY id").all(username) as AuditRow[];
  } finally {
    db.close();
  }
}
