import * as auditEventsRoute from "@/app/api/audit-events/route";
import * as logoutRoute from "@/app/api/auth/logout/route";
import * as sessionRoute from "@/app/api/sessions/[id]/route";
import * as sessionsRoute from "@/app/api/sessions/route";
import * as activityRoute from "@/app/api/stats/activity/route";
import * as summaryRoute from "@/app/api/stats/summary/route";
import * as userLogoutRoute from "@/app/api/users/[id]/logout/route";
import * as userRoute from "@/app/api/users/[id]/route";
import * as userUnlockRoute from "@/app/api/users/[id]/unlock/route";
import * as usersRoute from "@/app/api/users/route";
import { BASE, jsonRequest } from "./http";
import { accessTokenOf, Browser } from "./routes";

// Route handlers differ only in their path parameters; `never` lets one type stand for all.
type Handler = (request: Request, segment?: { params: Promise<never> }) => Promise<Response>;

const query = (params: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString();

function call(handler: Handler, method: string, path: string, token: string | null, options: { body?: unknown; id?: string | number; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers, ...(token && { authorization: `Bearer ${token}` }) };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(BASE + path, { method, headers, ...(options.body !== undefined && { body: JSON.stringify(options.body) }) });
  return handler(request, options.id === undefined ? undefined : { params: Promise.resolve({ id: String(options.id) }) as Promise<never> });
}

/** The admin endpoints, called through their real route handlers with a bearer token. */
export const api = {
  listUsers: (token: string | null, params: Record<string, unknown> = {}) => call(usersRoute.GET, "GET", `/api/users?${query(params)}`, token),
  createUser: (token: string | null, body: unknown) => call(usersRoute.POST, "POST", "/api/users", token, { body }),
  getUser: (token: string | null, id: number | string) => call(userRoute.GET, "GET", `/api/users/${id}`, token, { id }),
  updateUser: (token: string | null, id: number | string, body: unknown) => call(userRoute.PUT, "PUT", `/api/users/${id}`, token, { id, body }),
  deleteUser: (token: string | null, id: number | string) => call(userRoute.DELETE, "DELETE", `/api/users/${id}`, token, { id }),
  unlockUser: (token: string | null, id: number | string) => call(userUnlockRoute.POST, "POST", `/api/users/${id}/unlock`, token, { id }),
  signOutUser: (token: string | null, id: number | string) => call(userLogoutRoute.POST, "POST", `/api/users/${id}/logout`, token, { id }),
  listSessions: (token: string | null, params: Record<string, unknown> = {}) => call(sessionsRoute.GET, "GET", `/api/sessions?${query(params)}`, token),
  endSession: (token: string | null, id: string) => call(sessionRoute.DELETE, "DELETE", `/api/sessions/${id}`, token, { id }),
  listAudit: (token: string | null, params: Record<string, unknown> = {}) => call(auditEventsRoute.GET, "GET", `/api/audit-events?${query(params)}`, token),
  activity: (token: string | null, params: Record<string, string> = {}) => call(activityRoute.GET, "GET", `/api/stats/activity?${new URLSearchParams(params)}`, token),
  summary: (token: string | null) => call(summaryRoute.GET, "GET", "/api/stats/summary", token),
};

/** `POST /api/auth/logout` with a scope, from this browser's cookie. */
export function logoutScope(browser: Browser, scope: string) {
  return browser.send(logoutRoute.POST, jsonRequest("/api/auth/logout", { scope }));
}

/** Signs in from a fresh browser; the browser keeps the refresh cookie. */
export async function signIn(username: string, password = "secret", userAgent?: string) {
  const browser = new Browser();
  const response = await browser.login(username, password, userAgent ? { "user-agent": userAgent } : {});
  if (response.status !== 200) throw new Error(`${username} could not sign in: ${response.status} ${await response.text()}`);
  return { browser, token: await accessTokenOf(response) };
}
