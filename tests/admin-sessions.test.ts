import { beforeAll, describe, expect, it } from "vitest";
import type { SessionRow } from "@/lib/contracts/sessions";
import type { Db } from "@/lib/db/client";
import { api, logoutScope, signIn } from "./helpers/admin-routes";
import { Browser, me } from "./helpers/routes";
import { startTestServer } from "./helpers/test-app";
import { createUser } from "./helpers/users";

const CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

let db: Db;
let admin: string;
let johnId: number;
let janeId: number;

beforeAll(async () => {
  const server = await startTestServer();
  db = server.db;
  johnId = server.john.id;
  janeId = server.jane.id;
  admin = (await signIn("johndoe", "secret", CHROME_WINDOWS)).token;
});

const rowsOf = async (response: Response) => {
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as SessionRow[];
};

// The stories below build on each other's records: they run in the written order.
describe("admin-sessions stories", { shuffle: false }, () => {
describe("GET /api/sessions", () => {
  it("shows a user only their own logins, with the device and which one is this one", async () => {
    const laptop = await signIn("janedoe", "secret", CHROME_WINDOWS);
    const phone = await signIn("janedoe", "secret", SAFARI_IPHONE);
    const response = await api.listSessions(phone.token);
    const rows = await rowsOf(response);
    expect(response.headers.get("content-range")).toBe(`sessions 0-${rows.length - 1}/${rows.length}`);
    expect(rows.every((row) => row.userId === janeId && row.username === "janedoe")).toBe(true);
    const mine = rows.find((row) => row.current)!;
    expect(mine).toMatchObject({ device: "Mobile Safari 17 on iOS 17.1", userAgent: SAFARI_IPHONE, current: true });
    expect(rows.filter((row) => row.current)).toHaveLength(1);
    expect(rows.find((row) => row.device === "Chrome 120 on Windows 10")).toBeDefined();
    expect(Object.keys(mine).sort()).toEqual(["createdAt", "current", "device", "expiresAt", "id", "ip", "lastUsedAt", "userAgent", "userId", "username"]);
    // A user's filter for someone else is overridden by their own id.
    const theirs = await rowsOf(await api.listSessions(laptop.token, { filter: { userId: johnId } }));
    expect(theirs.every((row) => row.userId === janeId)).toBe(true);
  });

  it("lists one row per login, however often it was refreshed, with when it started and was last used", async () => {
    const session = await signIn("janedoe", "secret", CHROME_WINDOWS);
    for (let i = 0; i < 3; i++) expect((await session.browser.refresh()).status).toBe(200);
    const login = await db.login.findFirstOrThrow({ where: { userId: janeId }, orderBy: { createdAt: "desc" } });
    expect(login.generation).toBe(3);
    const rows = (await rowsOf(await api.listSessions(admin, { filter: { userId: janeId }, range: [0, 99] }))).filter((row) => row.id === login.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.createdAt).toBe(login.createdAt.toISOString());
    expect(rows[0]!.lastUsedAt).toBe(login.rotatedAt!.toISOString());
    expect(Date.parse(rows[0]!.lastUsedAt!)).toBeGreaterThanOrEqual(login.createdAt.getTime());
  });

  it("shows an admin everyone's logins, filterable by user, and leaves out ended ones", async () => {
    const all = await rowsOf(await api.listSessions(admin, { range: [0, 99] }));
    expect(new Set(all.map((row) => row.username))).toEqual(new Set(["johndoe", "janedoe"]));
    const johns = await rowsOf(await api.listSessions(admin, { filter: { userId: johnId } }));
    expect(johns.length).toBeGreaterThan(0);
    expect(johns.every((row) => row.userId === johnId)).toBe(true);

    const gone = await signIn("janedoe");
    expect((await gone.browser.logout()).status).toBe(204);
    const after = await rowsOf(await api.listSessions(admin, { range: [0, 99] }));
    expect(after).toHaveLength(all.length);
  });

  it("leaves a disabled user's logins out of the list and the counts, and does not bring them back with the account", async () => {
    const user = await createUser(db, { prefix: "disabled-list" });
    const logins = [await signIn(user.username, "secret", CHROME_WINDOWS), await signIn(user.username, "secret", SAFARI_IPHONE)];
    const listed = async () => (await rowsOf(await api.listSessions(admin, { filter: { userId: user.id }, range: [0, 99] }))).map((row) => row.id).sort();
    const everyone = async () => (await rowsOf(await api.listSessions(admin, { range: [0, 999] }))).filter((row) => row.userId === user.id);
    const active = async () => ((await (await api.summary(admin)).json()) as { activeSessions: number }).activeSessions;
    expect(await listed()).toHaveLength(2);
    const activeBefore = await active();

    expect((await api.updateUser(admin, user.id, { disabled: true })).status).toBe(200);
    expect(await listed()).toEqual([]);
    expect(await everyone()).toEqual([]);
    expect((await api.listSessions(admin, { filter: { userId: user.id } })).headers.get("content-range")).toMatch(/\/0$/);
    expect(await active()).toBe(activeBefore - 2);
    expect(await (await api.getUser(admin, user.id)).json()).toMatchObject({ activeSessions: 0 });
    for (const login of logins) expect((await me(login.token)).status).toBe(401);

    expect((await api.updateUser(admin, user.id, { disabled: false })).status).toBe(200);
    expect(await listed()).toEqual([]);
    for (const login of logins) expect((await login.browser.refresh()).status).toBe(401);
  });

  it("answers 422 for bad list parameters", async () => {
    expect((await api.listSessions(admin, { sort: ["tokenHash", "ASC"] })).status).toBe(422);
    expect((await api.listSessions(admin, { filter: { tokenHash: "x" } })).status).toBe(422);
  });
});

describe("DELETE /api/sessions/:id", () => {
  it("lets a user end one of their own logins, which is refused on its very next request", async () => {
    const phone = await signIn("janedoe", "secret", SAFARI_IPHONE);
    const laptop = await signIn("janedoe", "secret", CHROME_WINDOWS);
    const phoneRow = (await rowsOf(await api.listSessions(phone.token))).find((row) => row.current)!;
    const response = await api.endSession(laptop.token, phoneRow.id);
    expect(response.status).toBe(200);
    expect((await response.json()).id).toBe(phoneRow.id);
    expect((await me(phone.token)).status).toBe(401);
    expect((await phone.browser.refresh()).status).toBe(401);
    expect((await me(laptop.token)).status).toBe(200);
    const event = await db.auditEvent.findFirstOrThrow({ where: { familyId: phoneRow.id, type: "session.revoked" } });
    expect(event).toMatchObject({ userId: janeId, actorId: null });
  });

  it("lets an admin end anyone's login, audited with the admin as actor", async () => {
    const victim = await signIn("janedoe");
    const row = (await rowsOf(await api.listSessions(victim.token))).find((r) => r.current)!;
    expect((await api.endSession(admin, row.id)).status).toBe(200);
    expect((await me(victim.token)).status).toBe(401);
    const event = await db.auditEvent.findFirstOrThrow({ where: { familyId: row.id, type: "session.revoked" } });
    expect(event).toMatchObject({ userId: janeId, username: "janedoe", actorId: johnId, actorUsername: "johndoe" });
    expect((await db.login.findUniqueOrThrow({ where: { id: row.id } })).revokedReason).toBe("admin");
  });

  it("tells a user that someone else's login does not exist (404) and leaves it alone", async () => {
    const jane = await signIn("janedoe");
    const johns = await rowsOf(await api.listSessions(admin, { filter: { userId: johnId } }));
    const response = await api.endSession(jane.token, johns[0]!.id);
    expect(response.status).toBe(404);
    expect((await me(admin)).status).toBe(200);
    expect((await api.endSession(admin, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await api.endSession(admin, "not-a-session")).status).toBe(422);
  });
});

describe("POST /api/auth/logout with a scope", () => {
  it("others: ends every other login of the user and keeps this one", async () => {
    const here = await signIn("janedoe");
    const there = [await signIn("janedoe"), await signIn("janedoe")];
    const response = await logoutScope(here.browser, "others");
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie()).toEqual([]);
    for (const other of there) expect((await me(other.token)).status).toBe(401);
    expect((await me(here.token)).status).toBe(200);
    expect((await here.browser.refresh()).status).toBe(200);
    const rows = await rowsOf(await api.listSessions(here.token));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.current).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { userId: janeId, type: "logout" }, orderBy: { id: "desc" } });
    expect(JSON.parse(event.detail!)).toMatchObject({ scope: "others" });
  });

  it("all: ends every login of the user, this one included, and clears the cookie", async () => {
    const here = await signIn("janedoe");
    const there = await signIn("janedoe");
    const response = await logoutScope(here.browser, "all");
    expect(response.status).toBe(204);
    expect(response.headers.getSetCookie().join()).toMatch(/Max-Age=0/);
    expect((await me(here.token)).status).toBe(401);
    expect((await me(there.token)).status).toBe(401);
    expect((await api.listSessions(admin, { filter: { userId: janeId } })).headers.get("content-range")).toMatch(/\/0$/);
    expect((await me(admin)).status).toBe(200);
  });

  it("needs a live cookie for a scope, keeps the plain call's meaning, and refuses unknown scopes", async () => {
    expect((await logoutScope(new Browser(), "others")).status).toBe(401);
    const ended = await signIn("janedoe");
    expect((await ended.browser.logout()).status).toBe(204);
    const stale = new Browser();
    stale.jar.set("gatehouse_refresh", "not-a-token");
    expect((await logoutScope(stale, "all")).status).toBe(401);
    const plain = await signIn("janedoe");
    const other = await signIn("janedoe");
    expect((await plain.browser.logout()).status).toBe(204);
    expect((await me(plain.token)).status).toBe(401);
    expect((await me(other.token)).status).toBe(200);
    expect((await logoutScope(other.browser, "everyone")).status).toBe(422);
    expect((await me(other.token)).status).toBe(200);
  });
});
});
