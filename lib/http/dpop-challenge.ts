import type { DomainError } from "../errors/domain-error";

/**
 * The challenge of a refusal about a DPoP proof, beside Bearer (RFC 9449 §7.1): the access
 * tokens stay Bearer, only the refresh and the sign-in read proofs.
 */
export function dpopChallenge(error: DomainError): string | null {
  if (error.kind === "dpop_invalid") return 'Bearer, DPoP algs="ES256", error="invalid_dpop_proof"';
  if (error.kind === "dpop_required") return 'Bearer, DPoP algs="ES256"';
  return null;
}
