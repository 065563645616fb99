import { errors } from "../errors/api-error";
import { audit, type AuthContext, type ClientInfo } from "./context";
import { hashRefreshToken, successorToken } from "./refresh-token";
import { sessionEndReason } from "./session-end";
import { type IssuedSession, issueSession, newSessionRow } from "./session-issuer";
import type { SessionRecord, UserRecord } from "./storage";

const MAX_GRACE_HOPS = 8;

const isExpired = (session: SessionRecord, now: Date) => session.expiresAt <= now || session.familyExpiresAt <= now;

const unpresented = (session: SessionRecord, now: Date) => !session.rotatedAt && !session.revokedAt && !isExpired(session, now);

/**
 * Rotates a refresh token. A replay inside the grace window gets the successor already
 * issued. After the window, a replay whose successor has never been presented gets that
 * successor too: the answer carrying it was lost (the server died after committing the
 * rotation, or the connection dropped), and no second holder has shown itself. A replay
 * after the successor has been used is theft and revokes the whole family.
 */
export async function refresh(ctx: AuthContext, token: string | null, client: ClientInfo, now: Date): Promise<IssuedSession> {
  if (!token) throw errors.refreshTokenInvalid();
  const sessions = ctx.store.sessions;
  const presented = await sessions.findWithUser(hashRefreshToken(token));
  let current: SessionRecord | null = presented;
  let currentToken = token;

  const ended = (session: SessionRecord) => errors.refreshTokenInvalid(sessionEndReason(session, now, ctx.config.reuseGraceSeconds));

  for (let hop = 0; current; hop++) {
    if (current.revokedAt) throw ended(current);
    if (isExpired(current, now)) {
      await endExpiredLogin(ctx, current, client, now);
      throw ended(current);
    }
    if (!current.rotatedAt) {
      const user = await activeUser(ctx, current, client, now, current === presented ? presented.user : undefined);
      const successor = successorToken(currentToken, ctx.config.rotationKey);
      const family = { userId: user.id, familyId: current.familyId, familyExpiresAt: current.familyExpiresAt };
      const next = newSessionRow(ctx, family, successor, client, now);
      if (await sessions.rotate(current.id, next, now)) return issueSession(ctx, user, next, successor, now);
      // Another request rotated it a moment ago: take the replay path below.
      current = await sessions.findByTokenHash(current.tokenHash);
      continue;
    }
    if (now.getTime() - current.rotatedAt.getTime() > ctx.config.reuseGraceSeconds * 1000) {
      const lostToken = successorToken(currentToken, ctx.config.rotationKey);
      const lost = await sessions.findByTokenHash(hashRefreshToken(lostToken));
      if (lost && lost.id === current.replacedById && unpresented(lost, now)) {
        const user = await activeUser(ctx, lost, client, now);
        const detail = { rotatedSecondsAgo: Math.round((now.getTime() - current.rotatedAt.getTime()) / 1000) };
        await audit(ctx, client, { type: "refresh.lost_answer_replay", userId: user.id, familyId: lost.familyId, detail }, now);
        return issueSession(ctx, user, lost, lostToken, now);
      }
      await sessions.revokeFamily(current.familyId, "reuse_detected", now);
      const detail = { rotatedSecondsAgo: Math.round((now.getTime() - current.rotatedAt.getTime()) / 1000) };
      await audit(ctx, client, { type: "refresh.reuse_detected", userId: current.userId, familyId: current.familyId, detail }, now);
      throw errors.refreshTokenInvalid();
    }
    if (hop >= MAX_GRACE_HOPS) throw errors.refreshTokenInvalid();
    currentToken = successorToken(currentToken, ctx.config.rotationKey);
    const successor = await sessions.findByTokenHash(hashRefreshToken(currentToken));
    if (!successor || successor.id !== current.replacedById) throw errors.refreshTokenInvalid();
    current = successor;
    if (unpresented(current, now)) {
      const user = await activeUser(ctx, current, client, now);
      await audit(ctx, client, { type: "refresh.grace_replay", userId: user.id, familyId: current.familyId }, now);
      return issueSession(ctx, user, current, currentToken, now);
    }
  }
  throw errors.refreshTokenInvalid();
}

/**
 * A login ends by time when its absolute cap passes, or when its live token goes unused past
 * its sliding lifetime. The first refresh that finds it so marks the family and records the
 * end once; an old rotated token that merely outlived itself ends nothing.
 */
async function endExpiredLogin(ctx: AuthContext, session: SessionRecord, client: ClientInfo, now: Date) {
  const capPassed = session.familyExpiresAt <= now;
  if (!capPassed && session.rotatedAt) return;
  const revoked = await ctx.store.sessions.revokeFamily(session.familyId, "expired", now);
  if (revoked === 0) return;
  const detail = { reason: capPassed ? "absolute_cap" : "idle" };
  await audit(ctx, client, { type: "session.expired", userId: session.userId, familyId: session.familyId, detail }, now);
}

/** The session's user, read now unless the session was read with it (`known`). */
async function activeUser(ctx: AuthContext, session: SessionRecord, client: ClientInfo, now: Date, known?: UserRecord | null) {
  const user = known !== undefined ? known : session.userId === null ? null : await ctx.store.users.findById(session.userId);
  if (!user || user.disabled) {
    await ctx.store.sessions.revokeFamily(session.familyId, "account_disabled", now);
    const detail = { reason: user ? "disabled" : "deleted" };
    await audit(ctx, client, { type: "refresh.account_error", userId: session.userId, familyId: session.familyId, detail }, now);
    throw errors.accountError();
  }
  return user;
}
