import * as recoveryCodesRoute from "@/app/api/account/recovery-codes/route";
import * as confirmRoute from "@/app/api/account/totp/confirm/route";
import * as totpRoute from "@/app/api/account/totp/route";
import * as reauthRoute from "@/app/api/auth/reauthenticate/route";
import * as tokenRoute from "@/app/api/auth/token/route";
import * as mfaResetRoute from "@/app/api/users/[id]/mfa/reset/route";
import { generateSync } from "otplib";
import type { Db } from "@/lib/db/client";
import { buildServerContext, type ServerContext } from "@/lib/server/context";
import { openServerDatabase } from "@/lib/server/server-database";
import { env } from "@/lib/env";
import { fromIp } from "./client-ip";
import { BASE, formRequest, jsonRequest } from "./http";
import { accessTokenOf, Browser } from "./routes";
import { createUser } from "./users";

/** The code an authenticator app shows at `at` (default: the clock the routes read), `offset` steps away. */
export const codeAt = (secret: string, at: Date | number = Date.now(), offset = 0) =>
  generateSync({ secret, epoch: Math.floor(new Date(at).getTime() / 1000) + offset * 30 });

const bearer = (token: string, ip?: string) => ({ authorization: `Bearer ${token}`, ...(ip && fromIp(ip)) });
const post = (path: string, token: string) => new Request(BASE + path, { method: "POST", headers: bearer(token) });

export const account = {
  enrol: (token: string) => totpRoute.POST(post("/api/account/totp", token)),
  confirm: (token: string, code: string) => confirmRoute.POST(jsonRequest("/api/account/totp/confirm", { code }, { headers: bearer(token) })),
  turnOff: (token: string, code: string) => totpRoute.DELETE(jsonRequest("/api/account/totp", { code }, { method: "DELETE", headers: bearer(token) })),
  regenerate: (token: string) => recoveryCodesRoute.POST(post("/api/account/recovery-codes", token)),
  resetByAdmin: (token: string, id: number) => mfaResetRoute.POST(post(`/api/users/${id}/mfa/reset`, token), { params: Promise.resolve({ id: String(id) }) }),
  reauth: (token: string, body: Record<string, string>, ip: string) => reauthRoute.POST(jsonRequest("/api/auth/reauthenticate", body, { headers: bearer(token, ip) })),
};

/** A second-step grant to the token endpoint, as JSON or as a form. */
export function grant(browser: Browser, fields: Record<string, string>, ip: string, as: "json" | "form" = "json") {
  const request = as === "json" ? jsonRequest("/api/auth/token", fields, { headers: fromIp(ip) }) : formRequest("/api/auth/token", fields, { headers: fromIp(ip) });
  return browser.send(tokenRoute.POST, request);
}

export const otpGrant = (browser: Browser, mfaToken: string, otp: string, ip: string, as: "json" | "form" = "json") =>
  grant(browser, { grant_type: "mfa_otp", mfa_token: mfaToken, otp }, ip, as);

export const recoveryGrant = (browser: Browser, mfaToken: string, recoveryCode: string, ip: string) =>
  grant(browser, { grant_type: "mfa_recovery_code", mfa_token: mfaToken, recovery_code: recoveryCode }, ip);

/** The password step of a user with TOTP: its mfa_token (the response is checked by the caller when it cares). */
export async function mfaTokenFor(browser: Browser, username: string, password: string, ip: string): Promise<string> {
  const response = await browser.login(username, password, fromIp(ip));
  if (response.status !== 403) throw new Error(`password step answered ${response.status}`);
  return ((await response.json()) as { mfa_token: string }).mfa_token;
}

export const randomIp = () => `10.24.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

/**
 * A user who has turned TOTP on at the clock's now (that step is spent): the secret their app
 * holds, their recovery codes, and the signed-in browser and token they set it up with.
 */
export async function userWithTotp(db: Db, options: { role?: "admin" | "user"; ip?: string } = {}) {
  const ip = options.ip ?? randomIp();
  const user = await createUser(db, { prefix: "totp", role: options.role ?? "user" });
  const browser = new Browser();
  const token = await accessTokenOf(await browser.login(user.username, user.password, fromIp(ip)));
  const { secret } = (await (await account.enrol(token)).json()) as { secret: string };
  const confirmed = await account.confirm(token, codeAt(secret));
  if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}`);
  const { recovery_codes } = (await confirmed.json()) as { recovery_codes: string[] };
  return { user, ip, browser, token, secret, recoveryCodes: recovery_codes };
}

/** A second instance over the same database: its own context, pools and caches. */
export const secondInstance = (): ServerContext => buildServerContext(openServerDatabase(env()), env());

const holder = globalThis as unknown as { gatehouseContext?: ServerContext };

/** Runs route calls as if another instance served them. */
export async function onInstance<T>(instance: ServerContext, work: () => Promise<T>): Promise<T> {
  const own = holder.gatehouseContext;
  holder.gatehouseContext = instance;
  try {
    return await work();
  } finally {
    holder.gatehouseContext = own;
  }
}
