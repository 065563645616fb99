import { randomUUID, webcrypto } from "node:crypto";
import { calculateJwkThumbprint, type JWK, SignJWT } from "jose";
import { BASE } from "./http";

export interface ProofClaims {
  htm?: string;
  /** A path on BASE, or a whole URL. */
  htu?: string;
  /** Unix seconds; the clock's now when left out. */
  iat?: number;
  jti?: string;
}

/**
 * A device key as the dashboard holds one: an ECDSA P-256 pair made with WebCrypto, the
 * private half not extractable, and RFC 9449 proofs signed with it. It is the tests' client,
 * made with jose like any other client would be; the server's checks are the thing tested.
 */
export async function deviceKey() {
  const pair = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const exported = await webcrypto.subtle.exportKey("jwk", pair.publicKey);
  const jwk: JWK = { kty: exported.kty!, crv: exported.crv!, x: exported.x!, y: exported.y! };
  const jkt = await calculateJwkThumbprint(jwk, "sha256");

  /** A proof for `claims` (POST to the refresh endpoint unless told), with `header` merged into its header. */
  function proof(claims: ProofClaims = {}, header: Record<string, unknown> = {}): Promise<string> {
    const htu = claims.htu ?? "/api/auth/refresh-token";
    const payload = {
      htm: claims.htm ?? "POST",
      htu: htu.startsWith("/") ? BASE + htu : htu,
      iat: claims.iat ?? Math.floor(Date.now() / 1000),
      jti: claims.jti ?? randomUUID(),
    };
    return new SignJWT(payload).setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk, ...header }).sign(pair.privateKey);
  }

  return { jkt, jwk, proof };
}

export type DeviceKey = Awaited<ReturnType<typeof deviceKey>>;

/** The request headers that carry a proof. */
export const dpop = (proof: string) => ({ DPoP: proof });
