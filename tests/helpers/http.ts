/** A cookie jar for one browser: keeps what Set-Cookie says, sends it back. */
export class CookieJar {
  private cookies = new Map<string, string>();

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const maxAge = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith("max-age="));
      if (value === "" || maxAge === "Max-Age=0") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export const BASE = "http://localhost:3000";

export function jsonRequest(pathname: string, body: unknown, init: RequestInit = {}): Request {
  return new Request(BASE + pathname, {
    method: "POST",
    ...init,
    headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) },
    body: JSON.stringify(body),
  });
}

export function formRequest(pathname: string, fields: Record<string, string>, init: RequestInit = {}): Request {
  return new Request(BASE + pathname, {
    method: "POST",
    ...init,
    headers: { "content-type": "application/x-www-form-urlencoded", ...(init.headers as Record<string, string>) },
    body: new URLSearchParams(fields).toString(),
  });
}
