import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { PasskeyPurpose } from "../../../contracts/passkeys";
import type { AuthContext } from "../../context";
import { keepChallenge } from "./challenges";
import type { RelyingParty } from "./relying-party";
import { authenticationOptions } from "./webauthn";

/**
 * The options for `navigator.credentials.get()` (a sign-in, a re-authentication or a second
 * step), discoverable and with user verification, and the id of the challenge kept for them:
 * the client sends it back with the assertion, to whichever instance answers.
 */
export async function startPasskeyCeremony(ctx: AuthContext, rp: RelyingParty, purpose: PasskeyPurpose, now: Date): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await authenticationOptions(rp);
  const challengeId = await keepChallenge(ctx, options.challenge, purpose, null, now);
  return { challengeId, options };
}
