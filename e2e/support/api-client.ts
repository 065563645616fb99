/** One browser's worth of HTTP against one server: keeps the refresh cookie it is given. */
export class ApiClient {
  cookie: string | null = null;

  constructor(public base: string) {}

  /** The same browser talking to another instance behind the same origin. */
  at(base: string): ApiClient {
    const other = new ApiClient(base);
    other.cookie = this.cookie;
    return other;
  }

  async send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set("cookie", this.cookie);
    const response = await fetch(this.base + path, { ...init, headers, signal: AbortSignal.timeout(30_000) });
    const pair = response.headers.getSetCookie()[0]?.split(";")[0];
    if (pair !== undefined) this.cookie = pair.endsWith("=") ? null : pair;
    return response;
  }

  login(username: string, password: string) {
    return this.send("/api/auth/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });
  }

  refresh = () => this.send("/api/auth/refresh-token", { method: "POST" });
  logout = () => this.send("/api/auth/logout", { method: "POST" });
  me = (token: string) => this.send("/api/auth/me", { headers: { authorization: `Bearer ${token}` } });
}

export async function accessToken(response: Response): Promise<string> {
  if (response.status !== 200) throw new Error(`expected 200, got ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export const kidOf = (jwt: string): string => JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString()).kid;
