import { calculateJwkThumbprint, exportJWK, type JWK, SignJWT } from "jose";

/** The claims of an RFC 9449 §4 proof; `htu` is the full URL without query or fragment. */
export interface ProofClaims {
  htm: string;
  htu: string;
  /** Unix seconds. */
  iat: number;
  jti: string;
}

/** The public half as the proof's header carries it: only the members RFC 7638 hashes. */
export async function publicJwk(publicKey: CryptoKey): Promise<JWK> {
  const { kty, crv, x, y } = await exportJWK(publicKey);
  return { kty, crv, x, y };
}

export async function signProof(keys: CryptoKeyPair, claims: ProofClaims): Promise<string> {
  const { htm, htu, iat, jti } = claims;
  return new SignJWT({ htm, htu })
    .setProtectedHeader({ typ: "dpop+jwt", alg: "ES256", jwk: await publicJwk(keys.publicKey) })
    .setIssuedAt(iat)
    .setJti(jti)
    .sign(keys.privateKey);
}

/** The key's RFC 7638 thumbprint: what the server answers as `dpop_jkt`. */
export async function thumbprint(publicKey: CryptoKey): Promise<string> {
  return calculateJwkThumbprint(await publicJwk(publicKey), "sha256");
}
