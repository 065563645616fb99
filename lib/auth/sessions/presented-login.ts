import type { AuthContext } from "../context";
import { hashRefreshToken, readRefreshToken, successorRefreshToken } from "./refresh-token";
import type { LoginRecord, LoginWithUser } from "./storage";

/** The login a refresh token names, and the token's generation in it. */
export interface PresentedLogin {
  login: LoginWithUser;
  generation: number;
}

/**
 * The login behind `token`, or null when the token is not one of ours (malformed, forged,
 * altered) or names no login. A sealed token names its login itself; one from before logins
 * had one row is found by its hash. Its generation may be any: the caller decides what an
 * old one means.
 */
export async function presentedLogin(ctx: AuthContext, token: string): Promise<PresentedLogin | null> {
  const read = readRefreshToken(token, ctx.config.refreshKeys);
  if (!read) return null;
  if (read.format === "legacy") return ctx.store.logins.findByLegacyToken(hashRefreshToken(token));
  const login = await ctx.store.logins.findWithUser(read.loginId);
  return login && { login, generation: read.generation };
}

/**
 * Whether `token` is the login's current token, or the one just before it (checked by
 * deriving its successor): the only generations whose holder can still refresh.
 */
export function isCurrentOrPrevious(ctx: AuthContext, login: LoginRecord, generation: number, token: string): boolean {
  if (generation === login.generation) return hashRefreshToken(token) === login.tokenHash;
  if (generation !== login.generation - 1) return false;
  return hashRefreshToken(successorRefreshToken(token, login.id, login.generation, ctx.config.refreshKeys)) === login.tokenHash;
}

/**
 * Whether the holder of `token` could still refresh: the current token, or the one replaced
 * within the grace window, of a login neither revoked nor expired.
 */
export function canStillRefresh(ctx: AuthContext, { login, generation }: PresentedLogin, token: string, now: Date): boolean {
  if (login.revokedAt || login.expiresAt <= now || !isCurrentOrPrevious(ctx, login, generation, token)) return false;
  return generation === login.generation || (login.rotatedAt !== null && now.getTime() - login.rotatedAt.getTime() <= ctx.config.reuseGraceSeconds * 1000);
}
