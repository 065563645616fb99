import type { Db } from "../../lib/db/client";

/** Audit events at or after `since`, oldest first, in a database a spec reads directly. */
export function auditSince(db: Db, since: Date) {
  return db.auditEvent.findMany({ where: { at: { gte: since } }, orderBy: { id: "asc" }, select: { type: true, username: true, familyId: true, detail: true } });
}

/** How the logins named by `ids` stand now. */
export function loginsById(db: Db, ids: string[]) {
  return db.login.findMany({ where: { id: { in: ids } }, select: { id: true, generation: true, revokedAt: true, revokedReason: true } });
}

/** The logins signed in at or after `since`: one per `login.ok` event. */
export async function signInsSince(db: Db, since: Date) {
  return (await auditSince(db, since)).filter((event) => event.type === "login.ok");
}
