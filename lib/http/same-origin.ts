import { errors } from "../errors/catalog";

/** The dashboard's origin: APP_ORIGIN where it is set (production always), else the request's own. */
export const appOriginOf = (request: Request, appOrigin: string | null): string => appOrigin ?? new URL(request.url).origin;

/**
 * CSRF defence for the cookie endpoints (ASVS 3.5): a browser always says where a
 * request comes from, so anything naming another site is refused before the cookie is
 * read. A request with neither header is not from a browser and cannot ride a cookie.
 * `Sec-Fetch-Site: none` (typed URL, bookmark) is refused too: the dashboard only ever
 * calls these endpoints with fetch from its own pages, which browsers mark `same-origin`.
 */
export function assertSameOrigin(request: Request, appOrigin: string | null): void {
  const site = request.headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin") throw errors.crossOrigin();
  const origin = request.headers.get("origin");
  if (origin === null) return;
  if (origin !== appOriginOf(request, appOrigin)) throw errors.crossOrigin();
}
