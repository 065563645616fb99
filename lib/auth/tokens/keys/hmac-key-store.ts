import { createHash } from "node:crypto";
import type { KeyStore, SigningKeyMaterial } from "./key-store";

/** HS256 with one key derived from JWT_SECRET (JWT_ALG=HS256). A symmetric key is never published. */
export function hmacKeyStore(key: Uint8Array): KeyStore {
  const material: SigningKeyMaterial = {
    kid: "hs256-" + createHash("sha256").update(key).digest("base64url").slice(0, 16),
    alg: "HS256",
    key,
  };
  return {
    algorithms: ["HS256"],
    signingKey: async () => material,
    verificationKey: async (kid) => (kid === material.kid ? key : null),
    publicJwks: async () => ({ keys: [] }),
  };
}
