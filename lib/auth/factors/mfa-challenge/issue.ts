import { MFA_METHODS, type MfaMethod, mfaMethodSchema } from "../../../contracts/mfa";
import { audit } from "../../audit/record";
import type { AuthContext, ClientInfo } from "../../context";
import { MFA_POLICY } from "../mfa-policy";
import type { SignInProof } from "../proof";
import type { SecondStep } from "../second-step";
import { assertSecondStepOpen } from "../second-factor-check";
import { hashMfaToken, newMfaToken } from "./token";

export interface IssuedChallenge {
  mfaToken: string;
  methods: readonly MfaMethod[];
}

/**
 * The password was right and a second step is due: a single-use mfa_token for five minutes,
 * bound to the user and the address it was given to, stored (hashed) so any instance can
 * finish it. No login exists yet. A locked second step answers 429 here already: only someone
 * who knows the password learns it.
 */
export async function issueChallenge(ctx: AuthContext, proof: SignInProof, client: ClientInfo, now: Date, step?: SecondStep): Promise<IssuedChallenge> {
  const { user } = proof;
  assertSecondStepOpen(await ctx.store.mfa.totp(user.id), now);
  const mfaToken = newMfaToken();
  await ctx.store.mfa.createChallenge(
    {
      tokenHash: hashMfaToken(mfaToken),
      userId: user.id,
      ip: client.ip,
      credentialVersion: user.credentialVersion,
      authTime: proof.authTime,
      expiresAt: new Date(now.getTime() + MFA_POLICY.challengeTtlSeconds * 1000),
    },
    now,
  );
  await audit(ctx, client, { type: "mfa.challenged", userId: user.id, username: user.username }, now);
  // The step names the factors that may finish it (TOTP's two, a passkey); the wire names only known ones.
  const methods = step ? step.factors.filter((factor): factor is MfaMethod => mfaMethodSchema.safeParse(factor).success) : MFA_METHODS;
  return { mfaToken, methods };
}
