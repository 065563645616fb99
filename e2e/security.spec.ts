import { randomInt } from "node:crypto";
import { expect, openInvoices, tab, test } from "./fixtures";
import { auditEventsFor } from "./support/db";
import { settings } from "./support/settings";

const origin = settings.baseURL;

test("the dashboard is served under a strict CSP whose nonce is on Next's scripts", async ({ page }) => {
  const response = await page.goto("/admin");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);

  // Every script the server wrote into the page carries that response's own nonce; what
  // they load later is trusted through 'strict-dynamic'.
  const raw = await page.request.get("/admin");
  const rawNonce = /'nonce-([^']+)'/.exec(raw.headers()["content-security-policy"]!)?.[1];
  expect(rawNonce).not.toBe(nonce);
  const tags = (await raw.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${rawNonce}"`);
});

test("injected markup cannot run script in the signed-in dashboard", async ({ asAdmin: page }) => {
  const t = await tab(page);
  await openInvoices(t);
  const violations = page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        // Wait for the refusal itself; the timeout only ends a test that would fail anyway.
        document.addEventListener("securitypolicyviolation", (e) => {
          seen.push(e.violatedDirective);
          resolve(seen);
        });
        const div = document.createElement("div");
        div.innerHTML = `<img src="data:," onerror="window.__pwned = 1">`;
        document.body.append(div);
        setTimeout(() => resolve(seen), 15_000);
      }),
  );
  expect(await violations).toContain("script-src-attr");
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  // The refusal shows as a console error; nothing else may.
  expect(t.errors.filter((e) => !/Content Security Policy/.test(e))).toEqual([]);
});

test("API answers are not cached or sniffed", async ({ request }) => {
  const response = await request.get("/api/invoices");
  expect(response.status()).toBe(401);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect(response.headers()["www-authenticate"]).toBe("Bearer");
});

test("a spoofed X-Forwarded-For neither escapes the throttle nor lands in the audit trail", async ({ request }) => {
  const username = "spoof-e2e";
  const spoofed = () => `203.0.113.${randomInt(1, 255)}`;
  let status = 0;
  for (let sent = 0; sent < 40 && status !== 429; sent += 5) {
    const batch = Array.from({ length: 5 }, () =>
      request.post("/api/auth/token", { data: { username, password: "wrong" }, headers: { "x-forwarded-for": spoofed(), origin } }),
    );
    const statuses = (await Promise.all(batch)).map((r) => r.status());
    status = statuses.includes(429) ? 429 : statuses.at(-1)!;
  }
  expect(status).toBe(429);
  const events = await auditEventsFor(username);
  expect(events.length).toBeGreaterThanOrEqual(10);
  expect(events.every((e) => e.ip === "127.0.0.1" || e.ip === "::1" || e.ip === "::ffff:127.0.0.1")).toBe(true);
});

test("cookie endpoints refuse another site's requests over real HTTP", async ({ request }) => {
  for (const path of ["/api/auth/refresh-token", "/api/auth/logout", "/api/auth/token"]) {
    const response = await request.post(path, { headers: { origin: "https://evil.example" }, data: {} });
    expect(response.status(), path).toBe(403);
    expect((await response.json()).code).toBe("CROSS_ORIGIN_REFUSED");
    expect(response.headers()["set-cookie"]).toBeUndefined();
  }
  const sameOrigin = await request.post("/api/auth/refresh-token", { headers: { origin } });
  expect(sameOrigin.status()).toBe(401);
});

test("the public signing keys are served without private parts", async ({ request }) => {
  const response = await request.get("/.well-known/jwks.json");
  expect(response.status()).toBe(200);
  const { keys } = (await response.json()) as { keys: Record<string, string>[] };
  expect(keys.length).toBeGreaterThan(0);
  for (const key of keys) {
    expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
    expect(key.d).toBeUndefined();
  }
});
