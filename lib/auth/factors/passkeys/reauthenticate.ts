import { errors } from "../../../errors/catalog";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import type { Principal } from "../../guard";
import { type Reauthenticated, renewProof } from "../../step-up/renew-proof";
import { type AssertionInput, checkAssertion, recordRefusal } from "./assertion";
import { admitPasskeyAttempt } from "./attempts";
import { PASSKEY_AMR } from "./policy";
import type { RelyingParty } from "./relying-party";

/**
 * Step-up with a passkey of the signed-in person: it refreshes the proof of the login they
 * hold (same `sid`, same refresh family, no new session), so a sensitive action goes ahead
 * without a second login (better-auth#5099). Another user's passkey is refused like any bad
 * assertion. It stands in for password and code alike: a passkey is both factors at once.
 */
export async function reauthenticateWithPasskey(ctx: AuthContext, rp: RelyingParty, principal: Principal, input: AssertionInput & ClientInfo, now: Date): Promise<Reauthenticated> {
  const user = await ctx.store.users.findById(principal.userId);
  if (!user || user.disabled) throw errors.accountError();
  const subject = { userId: user.id, username: user.username, familyId: principal.familyId };
  const { throttle, reservation } = await admitPasskeyAttempt(ctx, input, now, subject);
  const check = await throttle.checking(reservation, now, () => checkAssertion(ctx, rp, input, ["reauth", "sign_in"], now, user.id));
  if (!check.ok) {
    await throttle.failed(reservation, now);
    await recordRefusal(ctx, input, check, now, subject);
    await audit(ctx, input, { type: "reauth.failed", ...subject, detail: { reason: "passkey", passkeyReason: check.reason } }, now);
    throw errors.passkeyInvalid();
  }
  await throttle.succeeded(reservation, now);
  return renewProof(ctx, principal, user, PASSKEY_AMR, input, now);
}
