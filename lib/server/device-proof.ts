import type { SignInProofRequest } from "../auth/device-binding/sign-in";
import { DPOP_HEADER } from "../contracts/dpop";
import { appOriginOf } from "../http/same-origin";

/**
 * A request's DPoP proof with what it must name: the method and the dashboard's origin plus
 * the path (so a proxy's inner host never matters), and the request's Origin for REQUIRE_DPOP.
 * Several DPoP headers arrive joined by commas, which no proof contains: they are refused.
 */
export function deviceProofOf(request: Request, appOrigin: string | null): SignInProofRequest {
  const origin = appOriginOf(request, appOrigin);
  return {
    proof: request.headers.get(DPOP_HEADER),
    target: { method: request.method, url: origin + new URL(request.url).pathname },
    origin: request.headers.get("origin"),
    appOrigin: origin,
  };
}
