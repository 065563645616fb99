import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { users } from "./fixtures";
import { settings } from "./support/settings";

const APP_DIR = path.resolve(__dirname, "../app");

/** Every route the app serves, read from app/: each route.ts with its exported methods, each page. */
function routes(dir = APP_DIR): { method: string; path: string }[] {
  const found: { method: string; path: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...routes(full));
      continue;
    }
    const url = "/" + path.relative(APP_DIR, dir).split(path.sep).filter(Boolean).map((s) => (/^\[.+\]$/.test(s) ? "1" : s)).join("/");
    if (entry.name === "page.tsx") found.push({ method: "GET", path: url });
    if (entry.name === "route.ts") {
      const source = readFileSync(full, "utf8");
      for (const [, method] of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) {
        found.push({ method: method!, path: url });
      }
    }
  }
  return found;
}

test("every route and method answers with the security headers, no-store on the API and HSTS in production", async ({ request }) => {
  const all = routes();
  expect(all.length).toBeGreaterThan(10);
  const login = await request.post("/api/auth/token", {
    data: { username: users.admin.username, password: users.admin.password },
    headers: { origin: settings.baseURL },
  });
  expect(login.status()).toBe(200);
  const { access_token: token } = (await login.json()) as { access_token: string };

  const problems: string[] = [];
  for (const { method, path: url } of all) {
    for (const authorization of [undefined, `Bearer ${token}`]) {
      // Logging out or changing a password with the token would end this test's login.
      if (authorization && method !== "GET") continue;
      const response = await request.fetch(url, {
        method,
        headers: { ...(authorization && { authorization }), "content-type": "application/json" },
        ...(method !== "GET" && { data: "{}" }),
        maxRedirects: 0,
      });
      const label = `${method} ${url} (${authorization ? "signed in" : "anonymous"}, ${response.status()})`;
      const headers = response.headers();
      if (headers["x-content-type-options"] !== "nosniff") problems.push(`${label}: X-Content-Type-Options ${headers["x-content-type-options"]}`);
      if (headers["referrer-policy"] !== "no-referrer") problems.push(`${label}: Referrer-Policy ${headers["referrer-policy"]}`);
      if (headers["x-frame-options"] !== "DENY") problems.push(`${label}: X-Frame-Options ${headers["x-frame-options"]}`);
      if (!/max-age=\d+/.test(headers["strict-transport-security"] ?? "")) problems.push(`${label}: no HSTS`);
      if (url.startsWith("/api/") && !/\bno-store\b/.test(headers["cache-control"] ?? "")) problems.push(`${label}: Cache-Control ${headers["cache-control"]}`);
    }
  }
  expect(problems).toEqual([]);
});
