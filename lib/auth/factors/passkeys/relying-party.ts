/** Who the passkeys are for: the dashboard's origin and its host as the RP ID (WebAuthn §5.1.3). */
export interface RelyingParty {
  id: string;
  origin: string;
}

/** The relying party of an origin: `APP_ORIGIN` in production, the request's own origin elsewhere. */
export function relyingParty(origin: string): RelyingParty {
  const url = new URL(origin);
  return { id: url.hostname, origin: url.origin };
}
