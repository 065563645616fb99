import { createHash } from "node:crypto";
import { audit } from "../audit/record";
import type { AuthContext, ClientInfo } from "../context";
import { checkProof, PROOF_IAT_WINDOW_SECONDS, type ProofCheck, type ProofTarget } from "./proof";

/** A request's DPoP header as a route hands it to the core, with what it must name. */
export interface PresentedProof {
  /** The `DPoP` header; null when the request carried none. */
  proof: string | null;
  target: ProofTarget;
}

/** One fixed-size key per key and `jti`, so a long `jti` costs no more to remember. */
const seenId = (jkt: string, jti: string) => createHash("sha256").update(`${jkt} ${jti}`).digest("base64url");

/**
 * A proof checked and its `jti` taken, on any instance, for as long as a proof with its `iat`
 * could be accepted: a second use anywhere is `replayed`. A refusal is audited with its reason
 * (never the proof) under `subject`.
 */
export async function acceptProof(
  ctx: Pick<AuthContext, "store">,
  proof: string,
  target: ProofTarget,
  client: ClientInfo,
  subject: { userId?: number | null; familyId?: string | null; step: "sign_in" | "refresh" },
  now: Date,
): Promise<ProofCheck> {
  let check = await checkProof(proof, target, now);
  if (check.ok) {
    const expiresAt = new Date((check.iat + PROOF_IAT_WINDOW_SECONDS + 1) * 1000);
    if (!(await ctx.store.seenProofs.claim(seenId(check.jkt, check.jti), expiresAt, now))) check = { ok: false, reason: "replayed" };
  }
  if (!check.ok) {
    const { step, ...who } = subject;
    await audit(ctx, client, { type: "dpop.refused", ...who, detail: { reason: check.reason, step } }, now);
  }
  return check;
}
