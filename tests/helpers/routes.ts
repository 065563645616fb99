import * as invoiceRoute from "@/app/api/invoices/[id]/route";
import * as invoicesRoute from "@/app/api/invoices/route";
import * as logoutRoute from "@/app/api/auth/logout/route";
import * as meRoute from "@/app/api/auth/me/route";
import * as refreshRoute from "@/app/api/auth/refresh-token/route";
import * as tokenRoute from "@/app/api/auth/token/route";
import { BASE, CookieJar, jsonRequest } from "./http";

/** Drives the real route handlers the way a browser would: one cookie jar per browser. */
export class Browser {
  readonly jar = new CookieJar();

  async send(handler: (request: Request) => Promise<Response>, request: Request): Promise<Response> {
    const cookie = this.jar.header();
    if (cookie) request.headers.set("cookie", cookie);
    const response = await handler(request);
    this.jar.store(response);
    return response;
  }

  login(username: string, password: string, headers: Record<string, string> = {}) {
    return this.send(tokenRoute.POST, jsonRequest("/api/auth/token", { username, password }, { headers }));
  }

  refresh(headers: Record<string, string> = {}) {
    return this.send(refreshRoute.POST, new Request(BASE + "/api/auth/refresh-token", { method: "POST", headers }));
  }

  logout() {
    return this.send(logoutRoute.POST, new Request(BASE + "/api/auth/logout", { method: "POST" }));
  }
}

export async function accessTokenOf(response: Response): Promise<string> {
  const body = (await response.clone().json()) as { access_token: string };
  return body.access_token;
}

export function me(token: string | null) {
  const headers: HeadersInit = token ? { authorization: `Bearer ${token}` } : {};
  return meRoute.GET(new Request(BASE + "/api/auth/me", { headers }));
}

export function listInvoices(token: string, params: Record<string, unknown> = {}) {
  const query = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  return invoicesRoute.GET(new Request(`${BASE}/api/invoices?${query}`, { headers: { authorization: `Bearer ${token}` } }));
}

export function createInvoice(token: string, body: unknown) {
  return invoicesRoute.POST(jsonRequest("/api/invoices", body, { headers: { authorization: `Bearer ${token}` } }));
}

export function invoiceById(token: string, id: string | number, method: "GET" | "PUT" | "DELETE" = "GET", body?: unknown) {
  const request = new Request(`${BASE}/api/invoices/${id}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { "content-type": "application/json" }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const handler = { GET: invoiceRoute.GET, PUT: invoiceRoute.PUT, DELETE: invoiceRoute.DELETE }[method];
  return handler(request, { params: Promise.resolve({ id: String(id) }) });
}
