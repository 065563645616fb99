import { createHash } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jwksRoute from "@/app/.well-known/jwks.json/route";
import * as invoiceRoute from "@/app/api/invoices/[id]/route";
import * as invoicesRoute from "@/app/api/invoices/route";
import * as logoutRoute from "@/app/api/auth/logout/route";
import * as meRoute from "@/app/api/auth/me/route";
import * as passwordRoute from "@/app/api/auth/password/route";
import * as refreshRoute from "@/app/api/auth/refresh-token/route";
import * as tokenRoute from "@/app/api/auth/token/route";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Db } from "@/lib/db/client";
import { BASE } from "./helpers/http";
import { accessTokenOf, Browser } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";

const COOKIE = refreshCookieName({ secure: false });
// The tables an attack must not change. AuditEvent and LoginThrottle are meant to record it.
const PROTECTED_TABLES = ["User", "Login", "Invoice", "SigningKey"];

let db: Db;
let token: string;
let validCookie: string;

async function fingerprint(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of PROTECTED_TABLES) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}" ORDER BY 1`);
    result[table] = `${rows.length}:` + createHash("sha256").update(JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? String(v) : v))).digest("hex");
  }
  return result;
}

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
interface Target {
  name: string;
  method: string;
  path: string;
  handler: Handler;
  id?: string;
}

const SQL = ["' OR 1=1 --", "1; DROP TABLE \"User\"; --", "\" UNION SELECT passwordHash FROM User --", "../../etc/passwd", "%00", "\u0000", "${jndi:ldap://x}", "<script>alert(1)</script>"];
const HUGE = "A".repeat(200_000);
const BINARY = String.fromCharCode(...Array.from({ length: 512 }, (_, i) => i % 256));

function targets(): Target[] {
  const asHandler = (h: (r: Request) => Promise<Response>): Handler => (r) => h(r);
  return [
    { name: "token", method: "POST", path: "/api/auth/token", handler: asHandler(tokenRoute.POST) },
    { name: "refresh", method: "POST", path: "/api/auth/refresh-token", handler: asHandler(refreshRoute.POST) },
    { name: "logout", method: "POST", path: "/api/auth/logout", handler: asHandler(logoutRoute.POST) },
    { name: "me", method: "GET", path: "/api/auth/me", handler: asHandler(meRoute.GET) },
    { name: "password", method: "POST", path: "/api/auth/password", handler: asHandler(passwordRoute.POST) },
    { name: "list", method: "GET", path: "/api/invoices", handler: asHandler(invoicesRoute.GET) },
    { name: "create", method: "POST", path: "/api/invoices", handler: asHandler(invoicesRoute.POST) },
    { name: "one", method: "GET", path: "/api/invoices/1", handler: invoiceRoute.GET, id: "1" },
    { name: "update", method: "PUT", path: "/api/invoices/1", handler: invoiceRoute.PUT, id: "1" },
    { name: "delete", method: "DELETE", path: "/api/invoices/999999", handler: invoiceRoute.DELETE, id: "999999" },
  ];
}

async function send(target: Target, init: { headers?: Record<string, string>; body?: BodyInit; query?: string; id?: string }) {
  const hasBody = target.method !== "GET" && init.body !== undefined;
  const request = new Request(BASE + target.path + (init.query ?? ""), {
    method: target.method,
    headers: init.headers,
    ...(hasBody && { body: init.body, duplex: "half" }),
  } as RequestInit);
  return target.handler(request, { params: Promise.resolve({ id: init.id ?? target.id ?? "1" }) });
}

const problems: string[] = [];

/**
 * Never a 5xx, never a stack trace; an error is JSON with a detail. `accept` lists the
 * success statuses an endpoint may give because it ignores the hostile part (logout's 204).
 */
async function expectClientError(label: string, response: Response, accept: number[] = []) {
  const text = await response.text();
  if (accept.includes(response.status)) return;
  if (response.status < 400 || response.status >= 500) problems.push(`${label}: status ${response.status}`);
  if (/\bat \S+ \(|node_modules|\.ts:\d+|PrismaClient|SQLITE_|\bERROR:|violates|relation "/.test(text)) problems.push(`${label}: leaks internals: ${text.slice(0, 120)}`);
  try {
    if (typeof JSON.parse(text).detail !== "string") problems.push(`${label}: no detail`);
  } catch {
    problems.push(`${label}: not JSON (${response.status}) ${text.slice(0, 80)}`);
  }
}

beforeAll(async () => {
  ({ db } = await startTestServer());
  const browser = new Browser();
  token = await accessTokenOf(await browser.login("johndoe", "secret"));
  validCookie = browser.jar.get(COOKIE)!;
});

describe("bad input never crashes and never changes stored data", () => {
  beforeEach(() => {
    problems.length = 0;
  });

  it("answers every endpoint's malformed bodies, wrong types and oversized bodies with 4xx JSON", async () => {
    const before = await fingerprint();
    const auth = { authorization: `Bearer ${token}` };
    const bodies: [string, Record<string, string>, BodyInit][] = [
      ["broken json", { "content-type": "application/json" }, "{\"username\": "],
      ["json array", { "content-type": "application/json" }, "[1,2,3]"],
      ["json null", { "content-type": "application/json" }, "null"],
      ["json string", { "content-type": "application/json" }, "\"x\""],
      ["deep json", { "content-type": "application/json" }, "[".repeat(5000) + "]".repeat(5000)],
      ["wrong types", { "content-type": "application/json" }, JSON.stringify({ username: 5, password: { $gt: "" }, number: [], amountCents: "1e400", issuedAt: 7 })],
      ["nul bytes", { "content-type": "application/json" }, JSON.stringify({ username: "john\u0000doe", password: "\u0000", number: "\u0000", customer: "\u0000" })],
      ["binary", { "content-type": "application/json" }, new Uint8Array(Array.from({ length: 1024 }, (_, i) => (i * 37) % 256))],
      ["binary string", { "content-type": "application/json" }, JSON.stringify({ username: BINARY, password: BINARY, customer: BINARY })],
      ["huge string field", { "content-type": "application/json" }, JSON.stringify({ username: HUGE.slice(0, 60_000), password: "x" })],
      ["oversized body", { "content-type": "application/json" }, JSON.stringify({ username: HUGE, password: HUGE })],
      ["text/plain", { "content-type": "text/plain" }, "username=johndoe&password=secret"],
      ["no content type", {}, "{}"],
      ["multipart", { "content-type": "multipart/form-data; boundary=x" }, "--x\r\n\r\n--x--"],
      ["form garbage", { "content-type": "application/x-www-form-urlencoded" }, "%%%&&&==&username=%00&password"],
      ["sql in json", { "content-type": "application/json" }, JSON.stringify({ username: SQL[0], password: SQL[1], number: SQL[2], customer: SQL[1], current_password: SQL[0], new_password: SQL[1] })],
    ];
    // The endpoints that read a body; the others never look at one.
    const readers = targets().filter((t) => ["token", "password", "create", "update"].includes(t.name));
    for (const target of readers) {
      for (const [label, headers, body] of bodies) {
        await expectClientError(`${target.name} ${label}`, await send(target, { headers: { ...auth, ...headers }, body }));
      }
    }
    const oversized = await send(targets()[0]!, { headers: { "content-type": "application/json" }, body: JSON.stringify({ username: HUGE, password: HUGE }) });
    expect(oversized.status).toBe(413);
    expect(problems).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it("answers garbage, duplicate, oversized and forged credentials with 4xx JSON", async () => {
    const before = await fingerprint();
    const [h, p] = token.split(".");
    const forgedTokens = [
      "", "Bearer", "null", token.slice(0, -10), token + "x", `${h}.${p}.`, `${h}..`, "a.b.c", "x".repeat(10_000),
      `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString("base64url")}.${p}.`,
      `${Buffer.from(JSON.stringify({ alg: "HS256", typ: "at+jwt", kid: "../../../etc/passwd" })).toString("base64url")}.${p}.${"A".repeat(43)}`,
      `${Buffer.from(JSON.stringify({ alg: "EdDSA", typ: "at+jwt", kid: SQL[0] })).toString("base64url")}.${p}.${"A".repeat(86)}`,
      BINARY.replace(/[^\x20-\x7e]/g, "?"),
    ];
    const cookies = [
      `${COOKIE}=`, `${COOKIE}=garbage`, `${COOKIE}=${"A".repeat(43)}`, `${COOKIE}=${validCookie}x`, `${COOKIE}=${SQL[0]}`,
      `${COOKIE}=${"A".repeat(43)}; ${COOKIE}=${"B".repeat(43)}`, `${COOKIE}=${"z".repeat(9000)}`, ";;;===;;", `${COOKIE}=%00%00`,
    ];
    for (const target of targets()) {
      for (const forged of forgedTokens) {
        const response = await send(target, { headers: { authorization: `Bearer ${forged}`, "content-type": "application/json" }, body: "{}" });
        // Logout needs no bearer token and answers 204 to anyone.
        await expectClientError(`${target.name} bearer ${forged.slice(0, 20)}`, response, target.name === "logout" ? [204] : []);
      }
      for (const cookie of cookies) {
        const response = await send(target, { headers: { cookie, "content-type": "application/json" }, body: "{}" });
        await expectClientError(`${target.name} cookie ${cookie.slice(0, 30)}`, response, target.name === "logout" ? [204] : []);
      }
    }
    expect(problems).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it("answers SQL and path fragments in sort, range, filter and ids with 4xx JSON", async () => {
    const before = await fingerprint();
    const auth = { authorization: `Bearer ${token}` };
    const list = targets().find((t) => t.name === "list")!;
    const queries = [
      ...SQL.map((s) => `?sort=${encodeURIComponent(JSON.stringify([s, "ASC"]))}`),
      ...SQL.map((s) => `?sort=${encodeURIComponent(JSON.stringify(["id", s]))}`),
      ...SQL.map((s) => `?range=${encodeURIComponent(s)}`),
      ...SQL.map((s) => `?filter=${encodeURIComponent(JSON.stringify({ [s]: 1 }))}`),
      ...SQL.map((s) => `?filter=${encodeURIComponent(s)}`),
      "?range=[0,1e400]", "?range=[-1,5]", "?range=[0.5,2]", "?range=[9007199254740993,9007199254740999]", "?range=[1,2,3]",
      `?filter=${encodeURIComponent(JSON.stringify({ q: HUGE }))}`, `?filter=${encodeURIComponent(JSON.stringify({ status: SQL[0] }))}`,
      `?filter=${encodeURIComponent(JSON.stringify({ id: [SQL[0]] }))}`, `?filter=${encodeURIComponent(JSON.stringify({ __proto__: { admin: true } }))}`,
      `?sort=${encodeURIComponent("[\"id\"]")}`, "?sort=%ZZ", `?filter=${encodeURIComponent('{"q":"\u0000"}')}`,
    ];
    for (const query of queries) {
      const response = await send(list, { headers: auth, query });
      if (response.status === 200) {
        // A harmless string filter may simply match nothing; it must still be a JSON array.
        expect(Array.isArray(await response.json()), query).toBe(true);
        continue;
      }
      await expectClientError(`list ${query.slice(0, 40)}`, response);
    }
    for (const target of targets().filter((t) => t.id)) {
      for (const id of [...SQL, "0", "-1", "1.5", "1e3", "0x10", "99999999999999999999", HUGE.slice(0, 5000), " 1", "1/../2"]) {
        const response = await send(target, { headers: { ...auth, "content-type": "application/json" }, body: "{}", id });
        await expectClientError(`${target.name} id ${id.slice(0, 20)}`, response);
      }
    }
    expect(problems).toEqual([]);
    expect(await fingerprint()).toEqual(before);
  });

  it("leaves the JWKS endpoint well-formed under hostile queries", async () => {
    const plain = await (await jwksRoute.GET(new Request(`${BASE}/.well-known/jwks.json`))).json();
    expect((plain as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    const queries = [
      new URLSearchParams({ kid: SQL[0]!, filter: HUGE.slice(0, 4000), "a[]": "%00" }).toString(),
      ...SQL.map((s) => `kid=${encodeURIComponent(s)}`),
      "%ZZ", "&&&==", "kid", `${"x".repeat(8000)}=1`,
    ];
    for (const query of queries) {
      const response = await jwksRoute.GET(new Request(`${BASE}/.well-known/jwks.json?${query}`));
      expect(response.status, query.slice(0, 40)).toBe(200);
      expect(await response.json(), query.slice(0, 40)).toEqual(plain);
    }
  });
});
