import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { PasskeyRegistration, PasskeyRow } from "../../../contracts/passkeys";
import { errors } from "../../../errors/catalog";
import { noticeIf } from "../../notifications/notice";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import type { Principal } from "../../guard";
import { requireFreshProof } from "../../step-up/freshness";
import { keepChallenge, spendChallenge } from "./challenges";
import { PASSKEY_POLICY } from "./policy";
import type { RelyingParty } from "./relying-party";
import { toPasskeyRow } from "./rows";
import { challengeOf, registrationOptions, verifyRegistration } from "./webauthn";

async function signedInUser(ctx: AuthContext, principal: Principal) {
  const user = await ctx.store.users.findById(principal.userId);
  if (!user || user.disabled) throw errors.accountError();
  return user;
}

const notVerified = () =>
  errors.validation("This passkey could not be added. Start again and follow your browser's prompt.", { credential: "The passkey could not be verified" });

/**
 * Step 1 (sensitive): the options for `navigator.credentials.create()`, with a challenge kept
 * for this user for five minutes. A discoverable credential with user verification, never one
 * of the user's own again.
 */
export async function startPasskeyRegistration(ctx: AuthContext, rp: RelyingParty, principal: Principal, now: Date): Promise<PublicKeyCredentialCreationOptionsJSON> {
  requireFreshProof(ctx, principal, now);
  const user = await signedInUser(ctx, principal);
  const existing = await ctx.store.passkeys.list(user.id);
  if (existing.length >= PASSKEY_POLICY.maxPerUser) throw errors.conflict(`You have ${existing.length} passkeys, the most one account may have: remove one first.`);
  const options = await registrationOptions(rp, user, existing);
  await keepChallenge(ctx, options.challenge, "register", user.id, now);
  return options;
}

/**
 * Step 2: the browser's credential for that challenge. The challenge is found by the value
 * clientDataJSON carries, must be this user's unspent registration challenge and is spent once;
 * then the attestation is verified (origin, RP ID, user verification) and the passkey stored.
 */
export async function finishPasskeyRegistration(ctx: AuthContext, rp: RelyingParty, principal: Principal, input: PasskeyRegistration & ClientInfo, now: Date): Promise<PasskeyRow> {
  const user = await signedInUser(ctx, principal);
  const value = challengeOf(input.credential);
  const found = value ? await ctx.store.passkeys.findChallengeByValue(value) : null;
  const spent = await spendChallenge(ctx, found, ["register"], user.id, now);
  if (!spent.ok) throw notVerified();
  const verified = await verifyRegistration(rp, input.credential, spent.challenge.challenge);
  if (!verified) throw notVerified();
  const created = await ctx.store.passkeys.create({ ...verified, userId: user.id, name: input.name }, now, noticeIf("passkey_added", user.id, input, now, principal.familyId));
  if (!created) throw errors.conflict("This passkey is registered already.", { credential: "Registered already" });
  const detail = { passkeyId: created.id, deviceType: created.deviceType, backedUp: created.backedUp };
  await audit(ctx, input, { type: "passkey.added", userId: user.id, username: user.username, familyId: principal.familyId, detail }, now);
  return toPasskeyRow(created);
}
