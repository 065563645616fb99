import { isWellFormedRefreshToken } from "./refresh-token";

/** The only module that names, writes, reads or clears the refresh cookie. */

export const REFRESH_COOKIE_PATH = "/api/auth";

export interface CookieOptions {
  /** Secure cookies get the __Secure- prefix, which browsers only accept over HTTPS. */
  secure: boolean;
}

export function refreshCookieName({ secure }: CookieOptions): string {
  return secure ? "__Secure-gatehouse_refresh" : "gatehouse_refresh";
}

export function refreshCookie(token: string, maxAgeSeconds: number, opts: CookieOptions): string {
  const maxAge = Math.max(0, Math.floor(maxAgeSeconds));
  return serialize(refreshCookieName(opts), token, maxAge, opts);
}

export function clearedRefreshCookie(opts: CookieOptions): string {
  return serialize(refreshCookieName(opts), "", 0, opts) + "; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
}

function serialize(name: string, value: string, maxAge: number, { secure }: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${REFRESH_COOKIE_PATH}`, `Max-Age=${maxAge}`, "HttpOnly", "SameSite=Strict"];
  if (secure) parts.push("Secure");
  return parts.join("; ");
}

/**
 * The refresh token in a Cookie header, or null. Values that cannot be one of our
 * tokens are ignored; with duplicates, the first well-formed one wins.
 */
export function readRefreshCookie(cookieHeader: string | null, opts: CookieOptions): string | null {
  if (!cookieHeader || cookieHeader.length > 8192) return null;
  const name = refreshCookieName(opts);
  for (const pair of cookieHeader.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim();
    if (isWellFormedRefreshToken(value)) return value;
  }
  return null;
}
