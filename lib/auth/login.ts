import { errors } from "../errors/catalog";
import type { AuthContext, ClientInfo } from "./context";
import type { SignInProof } from "./factors/proof";
import { defaultSecondStepPolicy, type SecondStep } from "./factors/second-step";
import { provePassword } from "./passwords/proof";
import type { IssuedSession } from "./sessions/session-issuer";
import { startLogin } from "./sessions/start-login";
import { canonicalUsername } from "./username";

export interface LoginInput extends ClientInfo {
  username: string;
  password: string;
  presentedRefreshToken: string | null;
  /** A valid DPoP proof's key thumbprint: the new login is bound to it. */
  deviceKey?: string | null;
}

/** Where a sign-in stands once its credentials are checked. */
export type SignInState =
  | { state: "second_step_required"; proof: SignInProof; step: SecondStep }
  | { state: "session_issued"; proof: SignInProof; session: IssuedSession };

/**
 * Sign-in as a small state machine: credentials checked, then either a second step is
 * required (and no session exists yet) or the session is issued. The second-step policy
 * is the context's, so a factor feature changes the decision without touching this file.
 */
export async function signIn(ctx: AuthContext, input: LoginInput, now: Date): Promise<SignInState> {
  const username = canonicalUsername(input.username);
  const proof = await provePassword(ctx, { ...input, username }, now);
  const step = await (ctx.secondStep ?? defaultSecondStepPolicy).required(proof, now);
  if (step) return { state: "second_step_required", proof, step };
  const { presentedRefreshToken, deviceKey, userAgent, ip } = input;
  const session = await startLogin(ctx, proof, { username, presentedRefreshToken, deviceKey, userAgent, ip }, now);
  return { state: "session_issued", proof, session };
}

/** Every sign-in starts a new login; one whose refresh cookie came along is revoked. */
export async function login(ctx: AuthContext, input: LoginInput, now: Date): Promise<IssuedSession> {
  const outcome = await signIn(ctx, input, now);
  if (outcome.state === "second_step_required") throw errors.secondStepRequired();
  return outcome.session;
}
