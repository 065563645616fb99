import { errors } from "../../errors/catalog";
import { audit } from "../audit/record";
import type { ClientInfo } from "../context";
import type { Principal } from "../guard";
import { notice } from "../notifications/notice";
import { actorOf, type ManageContext } from "./context";
import { assertMayResetSecondFactor } from "./second-factor";

/**
 * For the person who lost their phone and their recovery codes, or their passkeys: an admin, on
 * a fresh proof, removes their TOTP, recovery codes and passkeys and ends their logins, so
 * whoever holds the old sessions has to sign in again (with the password alone until they set
 * a factor up anew).
 */
export async function resetSecondFactor(ctx: ManageContext, actor: Principal, userId: number, client: ClientInfo, now: Date): Promise<void> {
  assertMayResetSecondFactor(ctx, actor, now);
  const user = await ctx.store.users.findById(userId);
  if (!user) throw errors.notFound("No such user.");
  // Told whether or not a factor was there: an administrator acted on the account.
  const { hadTotp, passkeysRemoved, sessionsRevoked } = await ctx.manage.users.resetSecondFactor(userId, now, () => [notice("mfa_reset_by_admin", userId, client, now)]);
  await audit(ctx, client, { type: "totp.reset_by_admin", userId, username: user.username, ...actorOf(actor), detail: { hadTotp, passkeysRemoved, sessionsRevoked } }, now);
}
