/**
 * Device-bound logins (RFC 9449 DPoP, docs/dpop.md), as both sides name them: the header a
 * proof travels in, and the refusal codes of a bound login's refresh that keep the login and
 * its cookie (the page may have lost its key's storage; signing in again makes a new one).
 */
export const DPOP_HEADER = "DPoP";
export const DPOP_REQUIRED = "DPOP_REQUIRED";
export const DPOP_INVALID = "DPOP_INVALID";
/** The only proof algorithm accepted: ECDSA P-256 with SHA-256, what WebCrypto makes everywhere. */
export const DPOP_ALGORITHM = "ES256";
