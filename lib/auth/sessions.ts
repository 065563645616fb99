import { randomUUID } from "node:crypto";
import type { Role } from "../contracts/auth";
import type { Db } from "../db/client";
import { type NewSession, sessionRepo } from "../db/session-repo";
import { userRepo } from "../db/user-repo";
import { errors } from "../http/api-error";
import { type IssuedAccessToken, signAccessToken } from "./access-token";
import type { AuthConfig } from "./config";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { hashRefreshToken, newRefreshToken, successorToken } from "./refresh-token";

export interface AuthContext {
  db: Db;
  config: AuthConfig;
}

export interface ClientInfo {
  userAgent: string | null;
  ip: string | null;
}

/** What a successful login or refresh hands back: the JWT and the cookie's new value. */
export interface IssuedSession {
  access: IssuedAccessToken;
  refreshToken: string;
  refreshMaxAgeSeconds: number;
}

type SessionRow = NonNullable<Awaited<ReturnType<ReturnType<typeof sessionRepo>["findByTokenHash"]>>>;

const MAX_GRACE_HOPS = 8;
const addSeconds = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);
const secondsUntil = (date: Date, now: Date) => Math.floor((date.getTime() - now.getTime()) / 1000);

export async function login(
  ctx: AuthContext,
  input: { username: string; password: string; presentedRefreshToken: string | null } & ClientInfo,
  now: Date,
): Promise<IssuedSession> {
  const user = await userRepo(ctx.db).findByUsername(input.username);
  const passwordOk = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await burnPasswordCheck(input.password, ctx.config.bcryptCost);
  if (!user || !passwordOk) throw errors.invalidCredentials();
  if (user.disabled) throw errors.accountError();

  const sessions = sessionRepo(ctx.db);
  if (input.presentedRefreshToken) {
    const previous = await sessions.findByTokenHash(hashRefreshToken(input.presentedRefreshToken));
    if (previous) await sessions.revokeFamily(previous.familyId, "replaced_by_login", now);
  }

  const refreshToken = newRefreshToken();
  const familyExpiresAt = addSeconds(now, ctx.config.sessionMaxAgeSeconds);
  const session = newSessionRow(ctx, { userId: user.id, familyId: randomUUID(), familyExpiresAt }, refreshToken, input, now);
  await sessions.create(session, now);
  return issue(ctx, { ...user, role: user.role as Role }, session, refreshToken, now);
}

export async function refresh(ctx: AuthContext, token: string | null, client: ClientInfo, now: Date): Promise<IssuedSession> {
  if (!token) throw errors.refreshTokenInvalid();
  const sessions = sessionRepo(ctx.db);
  let current = await sessions.findByTokenHash(hashRefreshToken(token));
  let currentToken = token;

  for (let hop = 0; current; hop++) {
    if (current.revokedAt || isExpired(current, now)) throw errors.refreshTokenInvalid();
    if (!current.rotatedAt) {
      const user = await activeUser(ctx, current, now);
      const successor = successorToken(currentToken, ctx.config.rotationKey);
      const familyExpiresAt = current.familyExpiresAt;
      const next = newSessionRow(ctx, { userId: user.id, familyId: current.familyId, familyExpiresAt }, successor, client, now);
      if (await sessions.rotate(current.id, next, now)) return issue(ctx, user, next, successor, now);
      // Another request rotated it a moment ago: fall through to the replay path.
      current = await sessions.findByTokenHash(current.tokenHash);
      continue;
    }
    if (now.getTime() - current.rotatedAt.getTime() > ctx.config.reuseGraceSeconds * 1000) {
      // A rotated token shown again after the grace window: someone holds a copy.
      await sessions.revokeFamily(current.familyId, "reuse_detected", now);
      throw errors.refreshTokenInvalid();
    }
    if (hop >= MAX_GRACE_HOPS) throw errors.refreshTokenInvalid();
    // Within the grace window a replay gets the successor it already had, never a new branch.
    currentToken = successorToken(currentToken, ctx.config.rotationKey);
    const successor = await sessions.findByTokenHash(hashRefreshToken(currentToken));
    if (!successor || successor.id !== current.replacedById) throw errors.refreshTokenInvalid();
    current = successor;
    if (!current.rotatedAt && !current.revokedAt && !isExpired(current, now)) {
      const user = await activeUser(ctx, current, now);
      return issue(ctx, user, current, currentToken, now);
    }
  }
  throw errors.refreshTokenInvalid();
}

export async function logout(ctx: AuthContext, token: string | null, now: Date): Promise<void> {
  if (!token) return;
  const sessions = sessionRepo(ctx.db);
  const session = await sessions.findByTokenHash(hashRefreshToken(token));
  if (session) await sessions.revokeFamily(session.familyId, "logout", now);
}

function isExpired(session: SessionRow, now: Date): boolean {
  return session.expiresAt <= now || session.familyExpiresAt <= now;
}

async function activeUser(ctx: AuthContext, session: SessionRow, now: Date) {
  const user = session.userId === null ? null : await userRepo(ctx.db).findById(session.userId);
  if (!user || user.disabled) {
    await sessionRepo(ctx.db).revokeFamily(session.familyId, "account_disabled", now);
    throw errors.accountError();
  }
  return { ...user, role: user.role as Role };
}

function newSessionRow(
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

async function issue(
  ctx: AuthContext,
  user: { id: number; role: Role; username: string },
  session: { familyId: string; expiresAt: Date },
  refreshToken: string,
  now: Date,
): Promise<IssuedSession> {
  const access = await signAccessToken(
    { userId: user.id, familyId: session.familyId, role: user.role, username: user.username },
    ctx.config.accessToken,
    now,
  );
  return { access, refreshToken, refreshMaxAgeSeconds: secondsUntil(session.expiresAt, now) };
}
