import { randomUUID } from "node:crypto";
import type { Role } from "../contracts/auth";
import type { NewSession } from "./storage";
import { type IssuedAccessToken, signAccessToken } from "./access-token";
import type { AuthContext, ClientInfo } from "./context";
import { hashRefreshToken } from "./refresh-token";

/** What a successful login or refresh hands back: the JWT and the cookie's new value. */
export interface IssuedSession {
  access: IssuedAccessToken;
  refreshToken: string;
  refreshMaxAgeSeconds: number;
  /** The login's absolute cap, unix seconds: no refresh reaches past it. */
  sessionExpiresAt: number;
}

const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

/** A session row for `token`; its sliding expiry never passes the family's absolute cap. */
export function newSessionRow(
  ctx: AuthContext,
  family: { userId: number; familyId: string; familyExpiresAt: Date },
  token: string,
  client: ClientInfo,
  now: Date,
): NewSession {
  const sliding = addSeconds(now, ctx.config.refreshTtlSeconds);
  return {
    id: randomUUID(),
    userId: family.userId,
    familyId: family.familyId,
    tokenHash: hashRefreshToken(token),
    expiresAt: sliding < family.familyExpiresAt ? sliding : family.familyExpiresAt,
    familyExpiresAt: family.familyExpiresAt,
    userAgent: client.userAgent?.slice(0, 512) ?? null,
    ip: client.ip?.slice(0, 64) ?? null,
  };
}

export function newFamilyExpiry(ctx: AuthContext, now: Date): Date {
  return addSeconds(now, ctx.config.sessionMaxAgeSeconds);
}

export async function issueSession(
  ctx: AuthContext,
  user: { id: number; role: Role; username: string },
  session: { familyId: string; expiresAt: Date; familyExpiresAt: Date },
  refreshToken: string,
  now: Date,
): Promise<IssuedSession> {
  const access = await signAccessToken(
    { userId: user.id, familyId: session.familyId, role: user.role, username: user.username },
    ctx.config.accessToken,
    now,
  );
  const refreshMaxAgeSeconds = Math.floor((session.expiresAt.getTime() - now.getTime()) / 1000);
  const sessionExpiresAt = Math.floor(session.familyExpiresAt.getTime() / 1000);
  return { access, refreshToken, refreshMaxAgeSeconds, sessionExpiresAt };
}
