import type { TokenResponse } from "../contracts/auth";
import { clearedRefreshCookie, refreshCookie } from "../auth/sessions/cookie";
import type { IssuedAccessToken } from "../auth/tokens/access-token";
import type { IssuedSession } from "../auth/sessions/session-issuer";
import { json } from "../http/respond";

/** The body and cookie every successful login and refresh answers with. */
export function tokenResponse(issued: IssuedSession, secureCookies: boolean): Response {
  const body: TokenResponse = {
    access_token: issued.access.token,
    token_type: "bearer",
    token_expiry: issued.access.ttlSeconds,
    expires_at: issued.access.expiresAt,
    session_expires_at: issued.sessionExpiresAt,
    unread_notifications: issued.unreadNotifications,
    ...(issued.dpopJkt !== null && { dpop_jkt: issued.dpopJkt }),
  };
  const cookie = refreshCookie(issued.refreshToken, issued.refreshMaxAgeSeconds, { secure: secureCookies });
  return json(body, { headers: { "Set-Cookie": cookie } });
}

/** The same body for a token that needs no new cookie: a re-authentication keeps the login's refresh token. */
export function accessTokenResponse({ access, sessionExpiresAt, unreadNotifications }: { access: IssuedAccessToken; sessionExpiresAt: number; unreadNotifications: number }): Response {
  const body: TokenResponse = {
    access_token: access.token,
    token_type: "bearer",
    token_expiry: access.ttlSeconds,
    expires_at: access.expiresAt,
    session_expires_at: sessionExpiresAt,
    unread_notifications: unreadNotifications,
  };
  return json(body);
}

export function withClearedCookie(response: Response, secureCookies: boolean): Response {
  response.headers.append("Set-Cookie", clearedRefreshCookie({ secure: secureCookies }));
  return response;
}
