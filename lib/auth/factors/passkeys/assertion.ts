import type { AuthenticationCredential } from "../../../contracts/passkeys";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import { type ChallengeRefusal, spendChallenge } from "./challenges";
import type { RelyingParty } from "./relying-party";
import type { ChallengePurpose, PasskeyRecord } from "./storage";
import { verifyAssertion } from "./webauthn";

export interface AssertionInput {
  challengeId: string;
  credential: AuthenticationCredential;
}

/** Why an assertion was refused: the reason `passkey.failed` records (the client is told none of them). */
export type AssertionRefusal = ChallengeRefusal | "unknown_credential" | "other_user" | "not_verified" | "clone_suspected";

export type AssertionCheck = { ok: true; passkey: PasskeyRecord } | { ok: false; reason: AssertionRefusal; passkey: PasskeyRecord | null };

const refused = (reason: AssertionRefusal, passkey: PasskeyRecord | null = null): AssertionCheck => ({ ok: false, reason, passkey });

/**
 * One assertion, checked in the order that spends least on a stranger: the challenge is spent
 * (single-use on every instance), the credential must be registered (and, when `userId` is
 * given, that user's), the library verifies signature, challenge, origin, RP ID and user
 * verification, and the counter must move on. A non-zero counter at or below the stored one
 * means two authenticators hold the key (WebAuthn §6.1.1): refused as a suspected clone.
 */
export async function checkAssertion(
  ctx: AuthContext,
  rp: RelyingParty,
  input: AssertionInput,
  purposes: readonly ChallengePurpose[],
  now: Date,
  userId?: number,
): Promise<AssertionCheck> {
  const spent = await spendChallenge(ctx, await ctx.store.passkeys.findChallenge(input.challengeId), purposes, null, now);
  if (!spent.ok) return refused(spent.reason);
  const passkey = await ctx.store.passkeys.findByCredentialId(input.credential.id);
  if (!passkey) return refused("unknown_credential");
  if (userId !== undefined && passkey.userId !== userId) return refused("other_user", passkey);
  const verified = await verifyAssertion(rp, input.credential, spent.challenge.challenge, passkey);
  if (!verified) return refused("not_verified", passkey);
  if (verified.counter !== 0 && verified.counter <= passkey.counter) return refused("clone_suspected", passkey);
  if (!(await ctx.store.passkeys.recordUse(passkey.id, verified.counter, verified.backedUp, now))) {
    // Removed meanwhile, or another assertion moved the counter past this one.
    return (await ctx.store.passkeys.findByCredentialId(passkey.credentialId)) ? refused("clone_suspected", passkey) : refused("unknown_credential");
  }
  return { ok: true, passkey: { ...passkey, counter: verified.counter, backedUp: verified.backedUp, lastUsedAt: now } };
}

export interface RefusalSubject {
  userId: number;
  username: string;
  familyId?: string;
}

/**
 * The audit trail's record of a refused assertion: `passkey.failed` with its reason, and
 * `passkey.clone_suspected` for a counter gone backwards. It concerns `subject` when the
 * caller knows who is asking (a signed-in person), else the passkey's owner, if any.
 */
export async function recordRefusal(ctx: AuthContext, client: ClientInfo, check: Extract<AssertionCheck, { ok: false }>, now: Date, known?: RefusalSubject): Promise<void> {
  const owner = !known && check.passkey ? await ctx.store.users.findById(check.passkey.userId) : null;
  const subject = { userId: known?.userId ?? owner?.id ?? null, username: known?.username ?? owner?.username ?? null, familyId: known?.familyId ?? null };
  const detail = { reason: check.reason, ...(check.passkey && { passkeyId: check.passkey.id }) };
  await audit(ctx, client, { type: "passkey.failed", ...subject, detail }, now);
  if (check.reason === "clone_suspected" && check.passkey) {
    await audit(ctx, client, { type: "passkey.clone_suspected", ...subject, detail: { passkeyId: check.passkey.id, storedCounter: check.passkey.counter } }, now);
  }
}
