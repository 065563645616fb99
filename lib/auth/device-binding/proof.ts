import { calculateJwkThumbprint, EmbeddedJWK, type JWK, jwtVerify } from "jose";
import { DPOP_ALGORITHM } from "../../contracts/dpop";

/** How far a proof's `iat` may be from the server's clock, either way (RFC 9449 §11.1). */
export const PROOF_IAT_WINDOW_SECONDS = 60;
/** Longer than any honest proof: an ES256 JWS with a P-256 key is under 600 bytes. */
const MAX_PROOF_LENGTH = 2048;
const MAX_JTI_LENGTH = 256;
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

/** The request a proof must name: its method and URL, the URL without query or fragment. */
export interface ProofTarget {
  method: string;
  /** APP_ORIGIN plus the path. */
  url: string;
}

/** Why a proof was refused: kept for the audit trail and the log, never the proof itself. */
export type ProofRefusal = "malformed" | "signature" | "typ" | "alg" | "jwk" | "htm" | "htu" | "iat" | "jti" | "replayed";

export type ProofCheck =
  | { ok: true; jkt: string; jti: string; iat: number }
  | { ok: false; reason: ProofRefusal };

const refused = (reason: ProofRefusal): ProofCheck => ({ ok: false, reason });

/** The URL as a proof's `htu` is compared (§4.3 check 9): normalised, query and fragment dropped. */
function withoutQuery(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname;
}

function reasonOf(error: unknown): ProofRefusal {
  const code = (error as { code?: string } | null)?.code;
  if (code === "ERR_JOSE_ALG_NOT_ALLOWED") return "alg";
  if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") return "signature";
  if (code === "ERR_JWT_CLAIM_VALIDATION_FAILED") return (error as { claim?: string }).claim === "typ" ? "typ" : "malformed";
  if (code === "ERR_JWS_INVALID") return "jwk";
  return "malformed";
}

/**
 * Checks one DPoP proof (RFC 9449 §4.3) for `target` at `now`, without any storage: the
 * caller takes its `jti` once (seen-proofs.ts). A bad proof is a refusal with its reason,
 * never a throw; only an ES256 key that carries no private member can pass.
 */
export async function checkProof(proof: string, target: ProofTarget, now: Date): Promise<ProofCheck> {
  if (proof.length > MAX_PROOF_LENGTH || proof.split(".").length !== 3) return refused("malformed");
  let verified;
  try {
    verified = await jwtVerify(proof, EmbeddedJWK, { algorithms: [DPOP_ALGORITHM], typ: "dpop+jwt", currentDate: now });
  } catch (error) {
    return refused(reasonOf(error));
  }
  const { payload, protectedHeader } = verified;
  const jwk = protectedHeader.jwk as JWK | undefined;
  if (!jwk || jwk.kty !== "EC" || jwk.crv !== "P-256" || PRIVATE_MEMBERS.some((member) => member in jwk)) return refused("jwk");
  if (payload.htm !== target.method) return refused("htm");
  if (typeof payload.htu !== "string" || withoutQuery(payload.htu) !== withoutQuery(target.url)) return refused("htu");
  const { iat, jti } = payload;
  if (typeof iat !== "number" || Math.abs(Math.floor(now.getTime() / 1000) - iat) > PROOF_IAT_WINDOW_SECONDS) return refused("iat");
  if (typeof jti !== "string" || jti.length === 0 || jti.length > MAX_JTI_LENGTH) return refused("jti");
  return { ok: true, jkt: await calculateJwkThumbprint(jwk, "sha256"), jti, iat };
}
