import type { ListQuery } from "../../contracts/list-query";
import type { SessionFilter, SessionRow } from "../../contracts/sessions";
import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { ClientInfo } from "../context";
import type { Principal } from "../guard";
import { noticeIf } from "../notifications/notice";
import { actorOf, type ManageContext } from "./context";
import { deviceName } from "./device";
import type { LoginSummary } from "./storage";

const toSessionRow = (login: LoginSummary, principal: Principal): SessionRow => ({
  id: login.id,
  userId: login.userId,
  username: login.username,
  createdAt: login.createdAt.toISOString(),
  lastUsedAt: login.lastUsedAt?.toISOString() ?? null,
  expiresAt: login.expiresAt.toISOString(),
  ip: login.ip,
  userAgent: login.userAgent,
  device: deviceName(login.userAgent),
  current: login.id === principal.familyId,
});

/** Live logins: a user's own, or for an admin everyone's (filterable by user). */
export async function listSessions(ctx: ManageContext, principal: Principal, query: ListQuery<SessionFilter>, now: Date) {
  const filter = principal.role === "admin" ? query.filter : { ...query.filter, userId: principal.userId };
  const { rows, total } = await ctx.manage.logins.list({ ...query, filter }, now);
  return { rows: rows.map((login) => toSessionRow(login, principal)), total };
}

/**
 * Ends one login. Its own user may end it, and so may an admin; anyone else is told it
 * does not exist, so ids of other people's logins cannot be probed.
 */
export async function endSession(ctx: ManageContext, principal: Principal, familyId: string, client: ClientInfo, now: Date): Promise<SessionRow> {
  const login = await ctx.manage.logins.get(familyId, now);
  const own = login?.userId === principal.userId;
  if (!login || (!own && principal.role !== "admin")) throw errors.notFound("No such session.");
  const reason = !own ? "admin" : login.id === principal.familyId ? "logout" : "signed_out_elsewhere";
  const revoked = await ctx.store.logins.revoke(familyId, reason, now, own ? undefined : noticeIf("signed_out_by_admin", login.userId, client, now, familyId));
  const actor = own ? {} : actorOf(principal);
  await audit(ctx, client, { type: "session.revoked", userId: login.userId, username: login.username, familyId, ...actor, detail: { sessionsRevoked: revoked ? 1 : 0 } }, now);
  return toSessionRow(login, principal);
}
