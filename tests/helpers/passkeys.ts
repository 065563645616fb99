import * as passkeyRoute from "@/app/api/account/passkeys/[id]/route";
import * as registrationOptionsRoute from "@/app/api/account/passkeys/options/route";
import * as passkeysRoute from "@/app/api/account/passkeys/route";
import * as ceremonyRoute from "@/app/api/auth/passkey/options/route";
import * as reauthRoute from "@/app/api/auth/reauthenticate/route";
import * as tokenRoute from "@/app/api/auth/token/route";
import type { Db } from "@/lib/db/client";
import { fromIp } from "./client-ip";
import { BASE, jsonRequest } from "./http";
import { accessTokenOf, Browser } from "./routes";
import { SoftwareAuthenticator, type Overrides } from "./software-authenticator";
import { randomIp } from "./totp";
import { createUser } from "./users";

const bearer = (token: string, ip?: string) => ({ authorization: `Bearer ${token}`, ...(ip && fromIp(ip)) });
const withId = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const query = (params: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString();

/** The passkey endpoints, called through their real route handlers. */
export const passkeys = {
  registrationOptions: (token: string) => registrationOptionsRoute.POST(new Request(BASE + "/api/account/passkeys/options", { method: "POST", headers: bearer(token) })),
  register: (token: string, body: unknown) => passkeysRoute.POST(jsonRequest("/api/account/passkeys", body, { headers: bearer(token) })),
  list: (token: string, params: Record<string, unknown> = {}) => passkeysRoute.GET(new Request(`${BASE}/api/account/passkeys?${query(params)}`, { headers: bearer(token) })),
  get: (token: string, id: number) => passkeyRoute.GET(new Request(`${BASE}/api/account/passkeys/${id}`, { headers: bearer(token) }), withId(id)),
  rename: (token: string, id: number, name: string) =>
    passkeyRoute.PUT(jsonRequest(`/api/account/passkeys/${id}`, { id, name, createdAt: "ignored" }, { method: "PUT", headers: bearer(token) }), withId(id)),
  remove: (token: string, id: number) => passkeyRoute.DELETE(new Request(`${BASE}/api/account/passkeys/${id}`, { method: "DELETE", headers: bearer(token) }), withId(id)),
  /** `POST /api/auth/passkey/options`, from the dashboard's own page. */
  ceremony: (ip: string, body?: unknown) =>
    ceremonyRoute.POST(
      body === undefined
        ? new Request(BASE + "/api/auth/passkey/options", { method: "POST", headers: { origin: BASE, ...fromIp(ip) } })
        : jsonRequest("/api/auth/passkey/options", body, { headers: { origin: BASE, ...fromIp(ip) } }),
    ),
  grant: (browser: Browser, body: Record<string, unknown>, ip: string, headers: Record<string, string> = {}) =>
    browser.send(tokenRoute.POST, jsonRequest("/api/auth/token", body, { headers: { origin: BASE, ...fromIp(ip), ...headers } })),
  reauth: (token: string, body: unknown, ip: string) => reauthRoute.POST(jsonRequest("/api/auth/reauthenticate", body, { headers: { origin: BASE, ...bearer(token, ip) } })),
};

export interface Ceremony {
  challenge_id: string;
  options: { challenge: string; rpId?: string; allowCredentials?: unknown[]; userVerification?: string };
}

export async function ceremonyFor(ip: string, purpose?: string): Promise<Ceremony> {
  const response = await passkeys.ceremony(ip, purpose ? { purpose } : undefined);
  if (response.status !== 200) throw new Error(`passkey options answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Ceremony;
}

/** A new software authenticator with a passkey registered to the signed-in `token`'s user. */
export async function registeredAuthenticator(token: string, name = "Test key"): Promise<{ authenticator: SoftwareAuthenticator; id: number }> {
  const authenticator = new SoftwareAuthenticator(BASE);
  const options = await (await passkeys.registrationOptions(token)).json();
  const response = await passkeys.register(token, { name, credential: authenticator.register(options) });
  if (response.status !== 201) throw new Error(`registration answered ${response.status}: ${await response.text()}`);
  return { authenticator, id: ((await response.json()) as { id: number }).id };
}

/** A whole passwordless sign-in: options, assertion, the token grant (answered as it is). */
export async function signInWithPasskey(authenticator: SoftwareAuthenticator, ip: string, overrides: Overrides = {}, browser = new Browser()) {
  const { challenge_id, options } = await ceremonyFor(ip);
  const credential = authenticator.assert(options, overrides);
  const response = await passkeys.grant(browser, { grant_type: "passkey", challenge_id, credential }, ip);
  return { response, browser, challenge_id, credential };
}

/** What a test's own users look like: signed in with the password from an address of their own. */
export function passkeyFixtures(db: Db) {
  async function signedIn(options: { role?: "admin" | "user" } = {}) {
    const user = await createUser(db, { prefix: "passkey", ...options });
    const ip = randomIp();
    const browser = new Browser();
    const token = await accessTokenOf(await browser.login(user.username, user.password, fromIp(ip)));
    return { user, ip, browser, token };
  }
  /** A signed-in user with one registered passkey. */
  async function withPasskey() {
    const session = await signedIn();
    return { ...session, ...(await registeredAuthenticator(session.token)) };
  }
  /** How many refused assertions the audit trail holds for this reason (and user). */
  const failures = (userId: number | null, reason: string) =>
    db.auditEvent.count({ where: { type: "passkey.failed", detail: { contains: `"reason":"${reason}"` }, ...(userId !== null && { userId }) } });
  return { signedIn, withPasskey, failures };
}

export async function refusal(response: Response) {
  return { status: response.status, body: await response.json(), cookie: response.headers.get("set-cookie") };
}

export const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as { sid: string; auth_time: number; amr: string[] };
