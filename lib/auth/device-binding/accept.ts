import { createHash } from "node:crypto";
import { audit } from "../audit/record";
import type { AuthContext, ClientInfo } from "../context";
import { checkProof, PROOF_IAT_WINDOW_SECONDS, type ProofRefusal, type ProofTarget } from "./proof";

/** A request's DPoP header as a route hands it to the core, with what it must name. */
export interface PresentedProof {
  /** The `DPoP` header; null when the request carried none. */
  proof: string | null;
  target: ProofTarget;
}

/** A checked proof, to be taken once: its row in the seen proofs, kept while its `iat` could pass. */
export interface ProofClaim {
  id: string;
  expiresAt: Date;
}

/** Whom a refused proof concerns in the audit trail. */
export interface ProofSubject {
  userId?: number | null;
  familyId?: string | null;
  step: "sign_in" | "refresh";
}

/** One fixed-size key per key and `jti`, so a long `jti` costs no more to remember. */
const seenId = (jkt: string, jti: string) => createHash("sha256").update(`${jkt} ${jti}`).digest("base64url");

/** Records why a proof was refused (never the proof itself). */
export function auditRefusal(ctx: Pick<AuthContext, "store">, client: ClientInfo, subject: ProofSubject, reason: ProofRefusal, now: Date) {
  const { step, ...who } = subject;
  return audit(ctx, client, { type: "dpop.refused", ...who, detail: { reason, step } }, now);
}

/** A proof checked for `target` at `now`: its key's thumbprint and its claim, or null once its refusal is audited. */
export async function checkedProof(ctx: Pick<AuthContext, "store">, proof: string, target: ProofTarget, client: ClientInfo, subject: ProofSubject, now: Date) {
  const check = await checkProof(proof, target, now);
  if (!check.ok) {
    await auditRefusal(ctx, client, subject, check.reason, now);
    return null;
  }
  const claim: ProofClaim = { id: seenId(check.jkt, check.jti), expiresAt: new Date((check.iat + PROOF_IAT_WINDOW_SECONDS + 1) * 1000) };
  return { jkt: check.jkt, claim };
}

/**
 * A proof checked and taken, on any instance, for as long as a proof with its `iat` could be
 * accepted: the thumbprint of its key, or null for a refused or replayed proof (audited).
 */
export async function acceptProof(ctx: Pick<AuthContext, "store">, proof: string, target: ProofTarget, client: ClientInfo, subject: ProofSubject, now: Date): Promise<string | null> {
  const checked = await checkedProof(ctx, proof, target, client, subject, now);
  if (!checked) return null;
  if (await ctx.store.seenProofs.claim(checked.claim.id, checked.claim.expiresAt, now)) return checked.jkt;
  await auditRefusal(ctx, client, subject, "replayed", now);
  return null;
}
