import type { KeyObject } from "node:crypto";
import { type AccessTokenClaims, type AccessTokenConfig, stillUnexpired, verifyAccessTokenWithKey } from "./access-token";

type Config = Omit<AccessTokenConfig, "ttlSeconds">;
type Verify = typeof verifyAccessTokenWithKey;

interface Verified {
  claims: AccessTokenClaims;
  kid: string;
  key: KeyObject | Uint8Array;
}

export const VERIFIED_TOKENS_LIMIT = 5_000;

/**
 * Access-token verification that remembers the tokens it has verified. The dashboard sends
 * one token with every request for minutes, and an EdDSA verification is the largest part
 * of an authenticated request's own work. A remembered token is only a byte-exact copy of
 * one already verified, and it is accepted again only while it is unexpired by the same
 * rule and the key that verified it is still the trusted key for its kid, so expiry and key
 * retirement act exactly as without the memory. Failures are not remembered: nothing an
 * attacker sends can fill the memory, which holds at most `limit` tokens, oldest dropped first.
 */
export function verifiedTokens(limit = VERIFIED_TOKENS_LIMIT, verify: Verify = verifyAccessTokenWithKey) {
  const byToken = new Map<string, Verified>();

  return {
    async verify(token: string, config: Config, now: Date): Promise<AccessTokenClaims | null> {
      const known = byToken.get(token);
      if (known) {
        if (stillUnexpired(known.claims, now) && (await config.keys.verificationKey(known.kid, now)) === known.key) return known.claims;
        byToken.delete(token);
      }
      const verified = await verify(token, config, now);
      if (!verified) return null;
      if (byToken.size >= limit) byToken.delete(byToken.keys().next().value!);
      byToken.set(token, verified);
      return verified.claims;
    },
    get size() {
      return byToken.size;
    },
  };
}

export type VerifiedTokens = ReturnType<typeof verifiedTokens>;

const perConfig = new WeakMap<Config, VerifiedTokens>();

/** One memory per token configuration: a token verified for one issuer and audience says nothing about another. */
export function verifiedTokensFor(config: Config): VerifiedTokens {
  let tokens = perConfig.get(config);
  if (!tokens) perConfig.set(config, (tokens = verifiedTokens()));
  return tokens;
}
