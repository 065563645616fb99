import type { DomainError } from "../errors/domain-error";

const DESCRIPTION = "A more recent authentication is required";

/**
 * RFC 9470 §3's answer when a token is good but its proof is too old for the action: the
 * `insufficient_user_authentication` challenge with the `max_age` that would do, and the same
 * `max_age` in the body. Null for every other error.
 */
export function stepUpChallenge(error: DomainError): { header: string; body: { max_age: number } } | null {
  const maxAge = error.maxAgeSeconds;
  if (error.kind !== "reauth_required" || maxAge === undefined) return null;
  return {
    header: `Bearer error="insufficient_user_authentication", error_description="${DESCRIPTION}", max_age=${maxAge}`,
    body: { max_age: maxAge },
  };
}
