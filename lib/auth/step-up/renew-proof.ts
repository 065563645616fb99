import { errors } from "../../errors/catalog";
import { type IssuedAccessToken, signAccessToken } from "../tokens/access-token";
import { audit } from "../audit/record";
import type { AuthContext, ClientInfo } from "../context";
import type { Principal } from "../guard";
import { accessSubject } from "../sessions/session-issuer";
import type { UserRecord } from "../user-storage";

export interface Reauthenticated {
  access: IssuedAccessToken;
  /** The login's absolute cap, unix seconds: a re-authentication does not move it. */
  sessionExpiresAt: number;
  /** The user's unread notices, as every token answer tells them. */
  unreadNotifications: number;
}

/**
 * The end of every re-authentication, whichever factor proved it: the proof of the login the
 * caller holds moves on (recorded on the login before the token says so, so a refresh from
 * here on carries it too), and an access token of that same login says so. No new login, no
 * new refresh family, no cookie.
 */
export async function renewProof(ctx: AuthContext, principal: Principal, user: UserRecord, amr: readonly string[], client: ClientInfo, now: Date): Promise<Reauthenticated> {
  if (!(await ctx.store.logins.recordProof(principal.familyId, now, [...amr]))) throw errors.unauthenticated();
  const login = await ctx.store.logins.findWithUser(principal.familyId);
  if (!login || login.revokedAt) throw errors.unauthenticated();
  await audit(ctx, client, { type: "reauth.succeeded", userId: user.id, username: user.username, familyId: principal.familyId, detail: { amr: login.amr.join(" ") } }, now);
  const [access, unreadNotifications] = await Promise.all([signAccessToken(accessSubject(user, login), ctx.config.accessToken, now), ctx.store.notifications.unreadCount(user.id)]);
  return { access, sessionExpiresAt: Math.floor(login.absoluteExpiresAt.getTime() / 1000), unreadNotifications };
}
