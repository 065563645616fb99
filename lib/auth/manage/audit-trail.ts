import { type AuditFilter, type AuditRow, claimedIdentityEvents } from "../../contracts/audit";
import type { ListQuery } from "../../contracts/list-query";
import type { Principal } from "../guard";
import { type ManageContext, requireAdmin } from "./context";
import type { StoredAuditEvent } from "./storage";

function parseDetail(detail: string | null): AuditRow["detail"] {
  if (!detail) return null;
  try {
    const value: unknown = JSON.parse(detail);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as AuditRow["detail"]) : null;
  } catch {
    return null;
  }
}

/**
 * Events without an admin behind them were done by the user they concern (a sign-in, a
 * sign-out), except failed and throttled sign-ins and refused passkeys, where nobody proved it.
 */
export const toAuditRow = (event: StoredAuditEvent): AuditRow => {
  const selfActed = event.actorId === null && !claimedIdentityEvents.includes(event.type);
  return {
    id: event.id,
    at: event.at.toISOString(),
    type: event.type,
    actorId: event.actorId ?? (selfActed ? event.userId : null),
    actorUsername: event.actorId !== null ? event.actorUsername : selfActed ? event.username : null,
    userId: event.userId,
    username: event.username,
    familyId: event.familyId,
    ip: event.ip,
    userAgent: event.userAgent,
    detail: parseDetail(event.detail),
  };
};

export async function listAuditEvents(ctx: ManageContext, principal: Principal, query: ListQuery<AuditFilter>) {
  requireAdmin(principal);
  const { rows, total } = await ctx.manage.auditTrail.list(query);
  return { rows: rows.map(toAuditRow), total };
}
