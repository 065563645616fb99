import type { BrowserContext, Page, Request, Response } from "@playwright/test";

export interface ApiCall {
  /** Which tab sent it: the index of its page in the order pages were opened. */
  tab: number;
  method: string;
  path: string;
  at: number;
  authorization: string | null;
  /** The DPoP proof the request carried (RFC 9449), if any. */
  dpop: string | null;
  status: number | null;
}

const TOKEN_PATHS = new Set(["/api/auth/token", "/api/auth/refresh-token"]);

/** Records every /api call of a browser context, and every access token the server handed out. */
export class ApiTraffic {
  private readonly pending: Promise<ApiCall>[] = [];
  private readonly tokens: Promise<string | null>[] = [];
  private readonly pages: Page[] = [];

  constructor(context: BrowserContext) {
    context.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/api/")) this.pending.push(this.record(request, Date.now()));
    });
    context.on("response", (response) => {
      if (TOKEN_PATHS.has(new URL(response.url()).pathname)) this.tokens.push(issuedToken(response));
    });
  }

  async calls(): Promise<ApiCall[]> {
    return Promise.all(this.pending);
  }

  /** Access tokens the server issued in this context, oldest first. */
  async issuedTokens(): Promise<string[]> {
    return (await Promise.all(this.tokens)).filter((t): t is string => t !== null);
  }

  async refreshes(since = 0): Promise<ApiCall[]> {
    return (await this.calls()).filter((c) => c.path === "/api/auth/refresh-token" && c.at >= since);
  }

  /** Calls to the protected API (everything but the token endpoints themselves). */
  async resourceCalls(since = 0): Promise<ApiCall[]> {
    return (await this.calls()).filter((c) => !c.path.startsWith("/api/auth/") || c.path === "/api/auth/me").filter((c) => c.at >= since);
  }

  private async record(request: Request, at: number): Promise<ApiCall> {
    const page = request.frame().page();
    if (!this.pages.includes(page)) this.pages.push(page);
    const headers = await request.allHeaders().catch(() => ({}) as Record<string, string>);
    const response = await request.response().catch(() => null);
    return {
      tab: this.pages.indexOf(page),
      method: request.method(),
      path: new URL(request.url()).pathname,
      at,
      authorization: headers["authorization"] ?? null,
      dpop: headers["dpop"] ?? null,
      status: response?.status() ?? null,
    };
  }
}

async function issuedToken(response: Response): Promise<string | null> {
  if (response.status() !== 200) return null;
  try {
    const body = (await response.json()) as { access_token?: unknown };
    return typeof body.access_token === "string" ? body.access_token : null;
  } catch {
    return null;
  }
}
