import { errors } from "../../../errors/catalog";
import { noticeIf } from "../../notifications/notice";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import type { Principal } from "../../guard";
import { requireFreshProof } from "../../step-up/freshness";
import { assertSecondStepOpen, checkSecondFactor, isTotpEnabled, lockedError } from "../second-factor-check";

/**
 * Turning TOTP off (sensitive): a fresh proof and a current code, which counts toward the
 * second step's lock like any other. The recovery codes go with it.
 */
export async function turnOffTotp(ctx: AuthContext, principal: Principal, code: string, client: ClientInfo, now: Date): Promise<void> {
  requireFreshProof(ctx, principal, now);
  const totp = await ctx.store.mfa.totp(principal.userId);
  if (!isTotpEnabled(totp)) throw errors.conflict("Two-step verification is not on.");
  assertSecondStepOpen(totp, now);
  const check = await checkSecondFactor(ctx, totp, { otp: code }, client, now);
  if (!check.ok) {
    if (check.lockedUntil) throw lockedError(check.lockedUntil, now);
    throw errors.validation("That code is not right. Enter the newest code from your app.", { code: "That code is not right" });
  }
  await ctx.store.mfa.remove(principal.userId, noticeIf("totp_disabled", principal.userId, client, now, principal.familyId));
  await audit(ctx, client, { type: "totp.disabled", userId: principal.userId, username: principal.username, familyId: principal.familyId }, now);
}
