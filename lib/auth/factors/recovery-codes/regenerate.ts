import { errors } from "../../../errors/catalog";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import type { Principal } from "../../guard";
import { requireFreshProof } from "../../step-up/freshness";
import { isTotpEnabled } from "../second-factor-check";
import { newRecoveryCodes, RECOVERY_CODE_COUNT, recoveryCodeHashes } from "./codes";

/** Replaces every recovery code (sensitive); the new ones are shown this once, the old ones stop working. */
export async function regenerateRecoveryCodes(ctx: AuthContext, principal: Principal, client: ClientInfo, now: Date): Promise<string[]> {
  requireFreshProof(ctx, principal, now);
  const { userId } = principal;
  if (!isTotpEnabled(await ctx.store.mfa.totp(userId))) throw errors.conflict("Recovery codes come with two-step verification: turn it on first.");
  const codes = newRecoveryCodes();
  await ctx.store.mfa.replaceRecoveryCodes(userId, recoveryCodeHashes(codes, userId, ctx.config.mfaKeys.recoveryCodes), now);
  await audit(ctx, client, { type: "recovery_codes.regenerated", userId, username: principal.username, familyId: principal.familyId, detail: { count: RECOVERY_CODE_COUNT } }, now);
  return codes;
}
