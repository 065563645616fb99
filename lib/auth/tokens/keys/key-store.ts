import type { KeyObject } from "node:crypto";

export type SigningAlgorithm = "EdDSA" | "HS256";

export interface SigningKeyMaterial {
  kid: string;
  alg: SigningAlgorithm;
  key: KeyObject | Uint8Array;
}

export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  kid: string;
  alg: string;
  use: "sig";
}

/** Where access-token keys come from; the token module knows nothing else about them. */
export interface KeyStore {
  /** The only algorithms a token may claim. */
  readonly algorithms: readonly SigningAlgorithm[];
  signingKey(now: Date): Promise<SigningKeyMaterial>;
  /** The key for a token's `kid`, or null when that kid is unknown or no longer trusted. */
  verificationKey(kid: string, now: Date): Promise<KeyObject | Uint8Array | null>;
  publicJwks(now: Date): Promise<{ keys: PublicJwk[] }>;
}
