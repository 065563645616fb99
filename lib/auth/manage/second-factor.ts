import { requireFreshProof } from "../step-up/freshness";
import type { Principal } from "../guard";
import { type ManageContext, requireAdmin } from "./context";

/**
 * The gate in front of resetting someone's second factor, for the factor issues to call
 * before they write: an admin, on a recent proof (lib/contracts/sensitive-actions.ts).
 */
export function assertMayResetSecondFactor(ctx: ManageContext, actor: Principal, now: Date): void {
  requireAdmin(actor);
  requireFreshProof(ctx, actor, now);
}
