import { createHash } from "node:crypto";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { scanApiRoutes } from "@/lib/http/api-routes.mjs";
import { BASE } from "./helpers/http";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

/**
 * About a thousand generated hostile requests, across every route file and every method it
 * exports (discovered, so new endpoints are covered without editing this file): never a
 * 5xx, never a non-JSON error, never internals, and the protected tables unchanged.
 */
const PROTECTED_TABLES = ["User", "Login", "Invoice", "SigningKey"];
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let db: Db;
let token: string;

async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const table of PROTECTED_TABLES) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}" ORDER BY 1`);
    parts.push(`${table}:${rows.length}:` + createHash("sha256").update(JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? String(v) : v))).digest("hex"));
  }
  return parts.join(" ");
}

const STRINGS = ["' OR 1=1 --", '"; DROP TABLE "User"; --', "%", "_", "\\", "\u0000", "\ud800", "\udfff\ud800", "a\u202eb", "${jndi:x}", "<script>", "../../etc/passwd", "x".repeat(5000)];
const VALUES: unknown[] = [...STRINGS, null, true, -1, 0, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), [], {}, [[[[]]]], { $gt: "" }, { __proto__: { admin: true } }];
const FIELDS = ["username", "password", "current_password", "new_password", "number", "customer", "amountCents", "currency", "status", "issuedAt", "dueAt", "ownerId", "role", "scope", "id"];

/** Bodies that no endpoint can accept as valid input: broken, wrongly typed, or hostile. */
function bodies(): { type: string; body: string }[] {
  const json = (value: unknown) => ({ type: "application/json", body: JSON.stringify(value) });
  const raw = (type: string, body: string) => ({ type, body });
  return [
    raw("application/json", ""),
    raw("application/json", "{"),
    raw("application/json", '{"a":1,"a":2'),
    raw("application/json", "\ud800"),
    raw("application/json", '"\\ud800"'),
    raw("application/json", "1e999999"),
    raw("text/plain", "username=x&password=y"),
    raw("multipart/form-data; boundary=x", "--x\r\n\r\n--x--"),
    raw("application/x-www-form-urlencoded", "username=%ff%fe&password=%00"),
    raw("application/x-www-form-urlencoded", "username=\ud800&password=x"),
    json(null),
    json([]),
    json("string"),
    json(12),
    json(Object.fromEntries(FIELDS.map((f, i) => [f, VALUES[i % VALUES.length]]))),
    ...VALUES.map((value) => json(Object.fromEntries(FIELDS.map((f) => [f, value])))),
  ];
}

const QUERIES = ["", "?sort=%5B%22passwordHash%22%2C%22ASC%22%5D", "?range=%5B-1%2C1e9%5D", "?filter=%7B%22q%22%3A%22%5Cud800%22%7D", "?filter=%7B%22id%22%3A%5B99999999999%5D%7D", "?filter=%7B%22q%22%3A%22%25%22%7D%7D", "?filter=" + "%5B".repeat(500)];

function problemsOf(label: string, status: number, text: string, successIsFine: boolean): string[] {
  if (successIsFine && status < 400) return [];
  const problems: string[] = [];
  if (status < 400 || status >= 500) problems.push(`${label}: status ${status}`);
  if (/\bat \S+ \(|node_modules|\.ts:\d+|PrismaClient|SQLITE_|\bERROR:|violates|relation "/.test(text)) problems.push(`${label}: leaks internals`);
  try {
    if (typeof JSON.parse(text).detail !== "string") problems.push(`${label}: no detail`);
  } catch {
    problems.push(`${label}: not JSON`);
  }
  return problems;
}

beforeAll(async () => {
  ({ db } = await startTestServer({ LOGIN_FAILURE_DELAY_MS: "1" }));
  token = await accessTokenOf(await new Browser().login("johndoe", "secret"));
});

describe("generated hostile requests", () => {
  it("answer every route and method with 4xx JSON (or a harmless success) and change no protected row", async () => {
    const routes = scanApiRoutes(path.resolve(__dirname, "../app"));
    const before = await fingerprint();
    const problems: string[] = [];
    let sent = 0;
    for (const route of routes) {
      const routeModule = (await import(path.resolve(__dirname, "../app", `.${route.route}`, "route.ts"))) as Record<string, Handler>;
      const url = BASE + route.route.replace(/\[[^\]]+\]/g, "999999");
      for (const method of route.methods) {
        const handler = routeModule[method]!;
        for (const [n, { type, body }] of [...bodies(), ...bodies()].entries()) {
          const i = n + Math.floor(n / bodies().length);
          const authorization = [undefined, `Bearer ${token}`, "Bearer a.b.c", `Bearer ${token}x`][i % 4];
          const query = QUERIES[i % QUERIES.length]!;
          const hasBody = method !== "GET";
          const request = new Request(url + query, {
            method,
            headers: { "content-type": type, ...(authorization && { authorization }) },
            ...(hasBody && { body, duplex: "half" }),
          } as RequestInit);
          const response = await handler(request, { params: Promise.resolve({ id: "999999" }) });
          sent++;
          // A GET with a valid token may ignore a hostile query it does not read; logout is always 204.
          const harmless = (method === "GET" && authorization === `Bearer ${token}`) || route.route.endsWith("/logout") || route.route.startsWith("/.well-known") || route.route.endsWith("/health") || route.route.endsWith("/ready") ||
            // Starting TOTP enrolment takes no body: it hands out a pending secret and turns nothing on.
            (method === "POST" && route.route === "/api/account/totp" && authorization === `Bearer ${token}`) ||
            // So does starting a passkey registration: its options hold a challenge, and nothing is registered.
            (method === "POST" && route.route === "/api/account/passkeys/options" && authorization === `Bearer ${token}`) ||
            // A passkey ceremony's options need nobody signed in: a challenge, and no credential.
            (method === "POST" && route.route === "/api/auth/passkey/options");
          problems.push(...problemsOf(`${method} ${route.route}${query} #${i}`, response.status, await response.text(), harmless));
        }
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(1_000);
    expect(await fingerprint()).toBe(before);
    console.log(`generated hostile requests: ${sent}`);
  }, 120_000); // Grows with every route: each one gets some thirty requests per method.
});
