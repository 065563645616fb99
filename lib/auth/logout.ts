import { audit, type AuthContext, type ClientInfo } from "./context";
import { hashRefreshToken } from "./refresh-token";

/** Revokes the whole login behind the cookie, whichever of its tokens was presented. */
export async function logout(ctx: AuthContext, token: string | null, client: ClientInfo, now: Date): Promise<void> {
  if (!token) return;
  const sessions = ctx.store.sessions;
  const session = await sessions.findByTokenHash(hashRefreshToken(token));
  if (!session) return;
  const revoked = await sessions.revokeFamily(session.familyId, "logout", now);
  if (revoked > 0) {
    await audit(ctx, client, { type: "logout", userId: session.userId, familyId: session.familyId }, now);
  }
}
