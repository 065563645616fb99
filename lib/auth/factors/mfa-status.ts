import type { MfaStatus } from "../../contracts/mfa";
import type { AuthContext } from "../context";
import { isTotpEnabled } from "./second-factor-check";

/** What `/api/auth/me` says about the person's second factor. */
export async function mfaStatus(ctx: AuthContext, userId: number): Promise<MfaStatus> {
  const totpEnabled = isTotpEnabled(await ctx.store.mfa.totp(userId));
  return { totpEnabled, recoveryCodesLeft: totpEnabled ? await ctx.store.mfa.recoveryCodesLeft(userId) : 0 };
}
