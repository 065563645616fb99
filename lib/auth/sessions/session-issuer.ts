import type { Role } from "../../contracts/auth";
import type { NewLogin } from "./storage";
import { type IssuedAccessToken, signAccessToken } from "../tokens/access-token";
import type { AuthContext, ClientInfo } from "../context";
import { hashRefreshToken } from "./refresh-token";

/** What a successful login or refresh hands back: the JWT and the cookie's new value. */
export interface IssuedSession {
  access: IssuedAccessToken;
  refreshToken: string;
  refreshMaxAgeSeconds: number;
  /** The login's absolute cap, unix seconds: no refresh reaches past it. */
  sessionExpiresAt: number;
  /** The user's unread notices, told with every token (docs/notifications.md). */
  unreadNotifications: number;
  /** The device key the login is bound to (docs/dpop.md); null when it is not. */
  dpopJkt: string | null;
}

const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

/** A token's sliding expiry from `now`, never past the login's absolute cap. */
export function slidingExpiry(ctx: AuthContext, absoluteExpiresAt: Date, now: Date): Date {
  const sliding = addSeconds(now, ctx.config.refreshTtlSeconds);
  return sliding < absoluteExpiresAt ? sliding : absoluteExpiresAt;
}

/** The device a request came from, as a login keeps it. */
export const deviceOf = (client: ClientInfo) => ({ userAgent: client.userAgent?.slice(0, 512) ?? null, ip: client.ip?.slice(0, 64) ?? null });

/** RFC 8176's word for a password; the factor issues add `otp`, `pop` and `mfa`. */
export const PASSWORD_AMR = ["pwd"];

/** A new login's record for its first `token`, keeping the proof that started it (its time and methods). */
export function newLogin(
  ctx: AuthContext,
  login: { id: string; userId: number; dpopJkt: string | null },
  token: string,
  client: ClientInfo,
  proof: { authTime: Date; amr: readonly string[] },
  now: Date,
): NewLogin {
  const absoluteExpiresAt = addSeconds(now, ctx.config.sessionMaxAgeSeconds);
  return { ...login, tokenHash: hashRefreshToken(token), expiresAt: slidingExpiry(ctx, absoluteExpiresAt, now), absoluteExpiresAt, ...deviceOf(client), authTime: proof.authTime, amr: [...proof.amr] };
}

/** Whom an access token names and the proof it carries: the login's, which only a proof moves. */
export const accessSubject = (user: { id: number; role: Role; username: string }, login: { id: string; authTime: Date; amr: string[] }) => ({
  userId: user.id,
  familyId: login.id,
  role: user.role,
  username: user.username,
  authTime: Math.floor(login.authTime.getTime() / 1000),
  amr: login.amr,
});

export async function issueSession(
  ctx: AuthContext,
  user: { id: number; role: Role; username: string },
  login: { id: string; expiresAt: Date; absoluteExpiresAt: Date; authTime: Date; amr: string[]; dpopJkt?: string | null; unreadNotifications?: number },
  refreshToken: string,
  now: Date,
): Promise<IssuedSession> {
  // A refresh read the count with its login (one round trip less); a new login asks for it.
  const unread = login.unreadNotifications ?? ctx.store.notifications.unreadCount(user.id);
  const [access, unreadNotifications] = await Promise.all([signAccessToken(accessSubject(user, login), ctx.config.accessToken, now), unread]);
  const refreshMaxAgeSeconds = Math.floor((login.expiresAt.getTime() - now.getTime()) / 1000);
  const sessionExpiresAt = Math.floor(login.absoluteExpiresAt.getTime() / 1000);
  return { access, refreshToken, refreshMaxAgeSeconds, sessionExpiresAt, unreadNotifications, dpopJkt: login.dpopJkt ?? null };
}
