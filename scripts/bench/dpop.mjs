// A bench client's device key (BENCH_DPOP=1): an ECDSA P-256 pair as the dashboard makes one,
// and a fresh RFC 9449 proof per request, so the refresh path is measured with a bound login.
import { randomUUID, webcrypto } from "node:crypto";
import { SignJWT } from "jose";

export async function deviceKey() {
  const pair = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"]);
  const { kty, crv, x, y } = await webcrypto.subtle.exportKey("jwk", pair.publicKey);
  const jwk = { kty, crv, x, y };
  return {
    /** A proof for one request: `htu` is APP_ORIGIN plus the path. */
    proof: (method, url) =>
      new SignJWT({ htm: method, htu: url, iat: Math.floor(Date.now() / 1000), jti: randomUUID() })
        .setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk })
        .sign(pair.privateKey),
  };
}
