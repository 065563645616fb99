import { errors } from "../../errors/catalog";
import type { AuthContext, ClientInfo } from "../context";
import { acceptProof, type PresentedProof } from "./accept";

export interface SignInProofRequest extends PresentedProof {
  /** The request's `Origin` header, and the dashboard's origin it is compared with for REQUIRE_DPOP. */
  origin: string | null;
  appOrigin: string;
}

/**
 * The device key a sign-in binds its new login to: the thumbprint of a valid proof's key, or
 * null for a sign-in without one (scripts, API clients). A bad proof refuses the sign-in before
 * any credential is checked, and so does a dashboard sign-in without one under REQUIRE_DPOP.
 */
export async function deviceKeyForSignIn(ctx: AuthContext, request: SignInProofRequest, client: ClientInfo, now: Date): Promise<string | null> {
  if (request.proof === null) {
    if (ctx.config.requireDpop && request.origin === request.appOrigin) throw errors.dpopRequired();
    return null;
  }
  const check = await acceptProof(ctx, request.proof, request.target, client, { step: "sign_in" }, now);
  if (!check.ok) throw errors.dpopInvalid();
  return check.jkt;
}
