import { decodeProtectedHeader, jwtVerify } from "jose";
import { DPOP_ALGORITHM } from "../../contracts/dpop";
import { deviceKeys } from "./device-keys";

/** How far a proof's `iat` may be from the server's clock, either way (RFC 9449 §11.1). */
export const PROOF_IAT_WINDOW_SECONDS = 60;
/** Longer than any honest proof: an ES256 JWS with a P-256 key is under 600 bytes. */
const MAX_PROOF_LENGTH = 2048;
const MAX_JTI_LENGTH = 256;
const DPOP_TYP = "dpop+jwt";

/** The request a proof must name: its method and URL, the URL without query or fragment. */
export interface ProofTarget {
  method: string;
  /** APP_ORIGIN plus the path. */
  url: string;
}

/** Why a proof was refused: kept for the audit trail and the log, never the proof itself. */
export type ProofRefusal = "malformed" | "signature" | "typ" | "alg" | "jwk" | "htm" | "htu" | "iat" | "jti" | "replayed";

export type ProofCheck = { ok: true; jkt: string; jti: string; iat: number } | { ok: false; reason: ProofRefusal };

const refused = (reason: ProofRefusal): ProofCheck => ({ ok: false, reason });
const keyOf = deviceKeys();

/** The URL as a proof's `htu` is compared (§4.3 check 9): normalised, query and fragment dropped. */
function withoutQuery(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.origin + parsed.pathname;
}

function headerOf(proof: string) {
  try {
    return decodeProtectedHeader(proof);
  } catch {
    return null;
  }
}

/**
 * Checks one DPoP proof (RFC 9449 §4.3) for `target` at `now`, without any storage: the
 * caller takes its `jti` once (accept.ts). A bad proof is a refusal with its reason, never a
 * throw; only ES256 with a public P-256 key in the header can pass.
 */
export async function checkProof(proof: string, target: ProofTarget, now: Date): Promise<ProofCheck> {
  if (proof.length > MAX_PROOF_LENGTH || proof.split(".").length !== 3) return refused("malformed");
  const header = headerOf(proof);
  if (!header) return refused("malformed");
  if (header.typ !== DPOP_TYP) return refused("typ");
  if (header.alg !== DPOP_ALGORITHM) return refused("alg");
  const device = await keyOf(header.jwk);
  if (!device) return refused("jwk");
  let payload;
  try {
    ({ payload } = await jwtVerify(proof, device.key, { algorithms: [DPOP_ALGORITHM], typ: DPOP_TYP, currentDate: now }));
  } catch (error) {
    return refused((error as { code?: string } | null)?.code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" ? "signature" : "malformed");
  }
  if (payload.htm !== target.method) return refused("htm");
  if (typeof payload.htu !== "string" || withoutQuery(payload.htu) !== withoutQuery(target.url)) return refused("htu");
  const { iat, jti } = payload;
  if (typeof iat !== "number" || Math.abs(Math.floor(now.getTime() / 1000) - iat) > PROOF_IAT_WINDOW_SECONDS) return refused("iat");
  if (typeof jti !== "string" || jti.length === 0 || jti.length > MAX_JTI_LENGTH) return refused("jti");
  return { ok: true, jkt: device.jkt, jti, iat };
}
