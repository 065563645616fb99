import { relyingParty, type RelyingParty } from "../auth/factors/passkeys/relying-party";
import { appOriginOf } from "../http/same-origin";

/** The passkeys' relying party for a request: APP_ORIGIN and its host, or (outside production, unset) the request's own. */
export const relyingPartyOf = (request: Request, appOrigin: string | null): RelyingParty => relyingParty(appOriginOf(request, appOrigin));
