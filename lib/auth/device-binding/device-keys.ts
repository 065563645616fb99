import { calculateJwkThumbprint, importJWK, type JWK } from "jose";
import { DPOP_ALGORITHM } from "../../contracts/dpop";

/** Keys remembered per process: each dashboard has one, so a few thousand cover a busy server. */
const MAX_KEYS = 4096;
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"] as const;

export interface DeviceKey {
  key: CryptoKey | Uint8Array;
  /** RFC 7638 thumbprint, SHA-256, base64url. */
  jkt: string;
}

/**
 * A proof's embedded key, imported and thumbprinted once per process: a bound login presents
 * the same key on every refresh, and importing it costs more than verifying a signature.
 * Only a public P-256 key with nothing private in it is taken; anything else is null.
 * Memoising a pure function of public data: no instance can see a stale answer.
 */
export function deviceKeys(maxKeys = MAX_KEYS) {
  const known = new Map<string, Promise<DeviceKey | null>>();

  async function load(jwk: JWK): Promise<DeviceKey | null> {
    try {
      const key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, DPOP_ALGORITHM);
      return { key, jkt: await calculateJwkThumbprint(jwk, "sha256") };
    } catch {
      return null;
    }
  }

  return async function keyOf(jwk: unknown): Promise<DeviceKey | null> {
    if (typeof jwk !== "object" || jwk === null || Array.isArray(jwk)) return null;
    const candidate = jwk as JWK;
    if (candidate.kty !== "EC" || candidate.crv !== "P-256" || typeof candidate.x !== "string" || typeof candidate.y !== "string") return null;
    if (PRIVATE_MEMBERS.some((member) => member in candidate)) return null;
    if (candidate.use !== undefined && candidate.use !== "sig") return null;
    const id = `${candidate.x}.${candidate.y}`;
    let entry = known.get(id);
    if (!entry) {
      if (known.size >= maxKeys) known.delete(known.keys().next().value!);
      entry = load(candidate);
      known.set(id, entry);
    }
    return entry;
  };
}
