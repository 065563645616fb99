import { randomUUID } from "node:crypto";
import type { AuthContext } from "../../context";
import { PASSKEY_POLICY } from "./policy";
import type { ChallengePurpose, WebAuthnChallengeRecord } from "./storage";

/** Why a challenge could not be spent: the words `passkey.failed` records. */
export type ChallengeRefusal = "unknown_challenge" | "expired_challenge" | "spent_challenge";

/** Keeps the challenge the options carry for five minutes, so any instance can finish the ceremony. */
export async function keepChallenge(ctx: AuthContext, challenge: string, purpose: ChallengePurpose, userId: number | null, now: Date): Promise<string> {
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + PASSKEY_POLICY.challengeTtlSeconds * 1000);
  await ctx.store.passkeys.createChallenge({ id, challenge, purpose, userId, expiresAt }, now);
  return id;
}

/**
 * Spends a challenge fit for `purposes` (and `userId`, when it names one), once on every
 * instance: the conditional write decides between two requests racing with the same one.
 * Spent before the response is verified, so a refused assertion cannot be tried again either.
 */
export async function spendChallenge(
  ctx: AuthContext,
  found: WebAuthnChallengeRecord | null,
  purposes: readonly ChallengePurpose[],
  userId: number | null,
  now: Date,
): Promise<{ ok: true; challenge: WebAuthnChallengeRecord } | { ok: false; reason: ChallengeRefusal }> {
  if (!found || !purposes.includes(found.purpose) || (found.userId !== null && found.userId !== userId)) return { ok: false, reason: "unknown_challenge" };
  if (found.usedAt) return { ok: false, reason: "spent_challenge" };
  if (found.expiresAt <= now) return { ok: false, reason: "expired_challenge" };
  if (!(await ctx.store.passkeys.spendChallenge(found.id, now))) return { ok: false, reason: "spent_challenge" };
  return { ok: true, challenge: found };
}
