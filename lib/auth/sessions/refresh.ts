import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { PresentedProof } from "../device-binding/accept";
import { proveDevice } from "../device-binding/refresh";
import { noticeIf } from "../notifications/notice";
import type { AuthContext, ClientInfo } from "../context";
import { isCurrentOrPrevious, presentedLogin } from "./presented-login";
import { hashRefreshToken, successorRefreshToken } from "./refresh-token";
import { sessionEndReason } from "./session-end";
import { deviceOf, type IssuedSession, issueSession, slidingExpiry } from "./session-issuer";
import type { LoginWithUser } from "./storage";

// Each lost race re-reads the login as the winner left it; the next decision never loses
// to the same rotation, so a couple of turns always settle.
const MAX_TURNS = 4;

const isExpired = (login: LoginWithUser, now: Date) => login.expiresAt <= now || login.absoluteExpiresAt <= now;
const secondsSince = (at: Date | null, now: Date) => (at ? (now.getTime() - at.getTime()) / 1000 : Number.POSITIVE_INFINITY);

/**
 * Rotates a refresh token: the login moves on one generation and the holder gets the next
 * token. The token before the current one (N-1) gets the current one (N) back inside the
 * grace window (tabs, a retried request), and after it, while N has never been used and
 * within the lost-answer window, for an answer that never arrived (the server died after
 * committing the rotation, or the connection dropped). Any other earlier generation, however
 * old, and N-1 past those windows, is reuse: a copy exists, and the whole login ends.
 * A login bound to a device key first needs `proof` from that key, for the rotation and the
 * replays alike (docs/dpop.md).
 */
export async function refresh(ctx: AuthContext, token: string | null, client: ClientInfo, now: Date, proof: PresentedProof | null = null): Promise<IssuedSession> {
  const presented = token ? await presentedLogin(ctx, token) : null;
  if (!token || !presented) throw errors.refreshTokenInvalid();
  const { generation } = presented;
  let login: LoginWithUser | null = presented.login;
  let deviceProven = false;

  for (let turn = 0; login && turn < MAX_TURNS; turn++) {
    // Only a forged token (the sealing key gone astray) names a generation never issued.
    if (generation > login.generation) break;
    if (login.revokedAt) throw errors.refreshTokenInvalid(sessionEndReason(login, generation, now, ctx.config.reuseGraceSeconds));
    if (isExpired(login, now)) {
      await endExpiredLogin(ctx, login, client, now);
      throw errors.refreshTokenInvalid(sessionEndReason(login, generation, now, ctx.config.reuseGraceSeconds));
    }
    if (generation < login.generation - 1) return reuseDetected(ctx, login, generation, client, now);
    if (!isCurrentOrPrevious(ctx, login, generation, token)) break;
    if (login.dpopJkt && !deviceProven) {
      await proveDevice(ctx, { id: login.id, userId: login.userId, dpopJkt: login.dpopJkt }, proof, client, now);
      deviceProven = true;
    }

    if (generation === login.generation) {
      const user = await activeUser(ctx, login, client, now);
      const next = successorRefreshToken(token, login.id, generation + 1, ctx.config.refreshKeys);
      const rotation = { tokenHash: hashRefreshToken(next), expiresAt: slidingExpiry(ctx, login.absoluteExpiresAt, now), ...deviceOf(client) };
      if (await ctx.store.logins.rotate(login.id, generation, rotation, now)) return issueSession(ctx, user, { ...login, expiresAt: rotation.expiresAt }, next, now);
    } else {
      const since = secondsSince(login.rotatedAt, now);
      const current = successorRefreshToken(token, login.id, login.generation, ctx.config.refreshKeys);
      if (since <= ctx.config.reuseGraceSeconds) {
        const user = await activeUser(ctx, login, client, now);
        await audit(ctx, client, { type: "refresh.grace_replay", userId: user.id, familyId: login.id }, now);
        return issueSession(ctx, user, login, current, now);
      }
      if (since > ctx.config.lostAnswerSeconds) return reuseDetected(ctx, login, generation, client, now);
      const user = await activeUser(ctx, login, client, now);
      // Handed out only while N is still unused, decided on the login's row like a rotation.
      if (await ctx.store.logins.touch(login.id, login.generation, now)) {
        await audit(ctx, client, { type: "refresh.lost_answer_replay", userId: user.id, familyId: login.id, detail: { rotatedSecondsAgo: Math.round(since) } }, now);
        return issueSession(ctx, user, login, current, now);
      }
    }
    // Another request rotated or ended the login a moment ago: decide again on what it left.
    login = await ctx.store.logins.findWithUser(login.id);
  }
  throw errors.refreshTokenInvalid();
}

/** An earlier token of a live login was presented: a copy exists, so the login ends for every holder. */
async function reuseDetected(ctx: AuthContext, login: LoginWithUser, generation: number, client: ClientInfo, now: Date): Promise<never> {
  const told = login.userId === null ? undefined : noticeIf("reuse_detected", login.userId, client, now, login.id);
  if (await ctx.store.logins.revoke(login.id, "reuse_detected", now, told)) {
    const detail = { generationsBehind: login.generation - generation, rotatedSecondsAgo: Math.round(secondsSince(login.rotatedAt, now)) };
    await audit(ctx, client, { type: "refresh.reuse_detected", userId: login.userId, familyId: login.id, detail }, now);
  }
  throw errors.refreshTokenInvalid();
}

/**
 * A login ends by time when its absolute cap passes, or when its current token goes unused
 * past its sliding lifetime. The first refresh that finds it so records the end, once.
 */
async function endExpiredLogin(ctx: AuthContext, login: LoginWithUser, client: ClientInfo, now: Date) {
  if (!(await ctx.store.logins.revoke(login.id, "expired", now))) return;
  const detail = { reason: login.absoluteExpiresAt <= now ? "absolute_cap" : "idle" };
  await audit(ctx, client, { type: "session.expired", userId: login.userId, familyId: login.id, detail }, now);
}

/** The login's user, when it still exists and is enabled; otherwise the login ends. */
async function activeUser(ctx: AuthContext, login: LoginWithUser, client: ClientInfo, now: Date) {
  const { user } = login;
  if (!user || user.disabled) {
    await ctx.store.logins.revoke(login.id, "account_disabled", now);
    const detail = { reason: user ? "disabled" : "deleted" };
    await audit(ctx, client, { type: "refresh.account_error", userId: login.userId, familyId: login.id, detail }, now);
    throw errors.accountError();
  }
  return user;
}
