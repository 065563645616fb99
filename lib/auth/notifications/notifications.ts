import type { ListQuery } from "../../contracts/list-query";
import { type MarkReadRequest, type NotificationFilter, type NotificationRow, notificationDetailSchema, notificationTypeSchema } from "../../contracts/notifications";
import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { AuthContext, ClientInfo } from "../context";
import type { Principal } from "../guard";
import type { StoredNotification } from "./storage";

function detailOf(stored: StoredNotification): NotificationRow["detail"] {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(stored.detail);
  } catch {
    // A row written by hand, or by an older release: shown with what the row itself knows.
  }
  const detail = notificationDetailSchema.safeParse(parsed);
  return detail.success ? detail.data : { device: "Unknown device", ip: null, at: stored.createdAt.toISOString() };
}

const toRow = (stored: StoredNotification): NotificationRow => ({
  id: stored.id,
  type: notificationTypeSchema.catch("new_device_sign_in").parse(stored.type),
  detail: detailOf(stored),
  sessionId: stored.sessionId,
  sessionActive: stored.sessionActive,
  read: stored.readAt !== null,
  readAt: stored.readAt?.toISOString() ?? null,
  createdAt: stored.createdAt.toISOString(),
});

// Another person's notice answers exactly as one that does not exist: ids cannot be probed.
const notFound = () => errors.notFound("No such notification.");

/** The caller's own notices; an administrator reads only their own too. */
export async function listNotifications(ctx: AuthContext, principal: Principal, query: ListQuery<NotificationFilter>) {
  const { rows, total } = await ctx.store.notifications.list(principal.userId, query);
  return { rows: rows.map(toRow), total };
}

export async function getNotification(ctx: AuthContext, principal: Principal, id: number): Promise<NotificationRow> {
  const stored = await ctx.store.notifications.get(principal.userId, id);
  if (!stored) throw notFound();
  return toRow(stored);
}

export async function markNotificationsRead(ctx: AuthContext, principal: Principal, request: MarkReadRequest, now: Date): Promise<void> {
  await ctx.store.notifications.markRead(principal.userId, "all" in request ? "all" : request.ids, now);
}

export const unreadNotifications = (ctx: Pick<AuthContext, "store">, userId: number) => ctx.store.notifications.unreadCount(userId);

/**
 * "This wasn't me": ends exactly the login the notice names, if it is still the owner's. A
 * protective action, so it asks for no fresh proof (docs/step-up.md); the notice is read after.
 */
export async function notMe(ctx: AuthContext, principal: Principal, id: number, client: ClientInfo, now: Date): Promise<void> {
  const stored = await ctx.store.notifications.get(principal.userId, id);
  if (!stored) throw notFound();
  if (!stored.sessionId) throw errors.conflict("This notice names no sign-in to end.");
  const login = await ctx.store.logins.findWithUser(stored.sessionId);
  const own = login?.userId === principal.userId;
  const revoked = own ? await ctx.store.logins.revoke(stored.sessionId, "signed_out_elsewhere", now) : false;
  await ctx.store.notifications.markRead(principal.userId, [id], now);
  const detail = { notificationId: id, notificationType: stored.type, sessionsRevoked: revoked ? 1 : 0 };
  await audit(ctx, client, { type: "notification.not_me", userId: principal.userId, username: principal.username, familyId: stored.sessionId, detail }, now);
}
