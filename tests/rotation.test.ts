import { beforeAll, describe, expect, it } from "vitest";
import { refreshCookieName } from "@/lib/auth/cookie";
import { hashRefreshToken } from "@/lib/auth/refresh-token";
import type { AuthContext } from "@/lib/auth/context";
import { login } from "@/lib/auth/login";
import { refresh } from "@/lib/auth/refresh";
import type { Db } from "@/lib/db/client";
import { Browser } from "./helpers/routes";
import { startTestServer, testAuthContext } from "./helpers/test-app";
import { createUser } from "./helpers/users";

const COOKIE = refreshCookieName({ secure: false });
const client = { userAgent: "vitest", ip: "127.0.0.1" };
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 29) + seconds * 1000);

async function familyOf(db: Db, token: string) {
  const row = await db.session.findUnique({ where: { tokenHash: hashRefreshToken(token) } });
  return db.session.findMany({ where: { familyId: row!.familyId }, orderBy: { createdAt: "asc" } });
}

describe("rotation through the route handlers", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await startTestServer());
  });

  it("marks the presented token rotated and issues its successor in the same family", async () => {
    const browser = new Browser();
    await browser.login("johndoe", "secret");
    const first = browser.jar.get(COOKIE)!;
    await browser.refresh();
    const second = browser.jar.get(COOKIE)!;
    const rows = await familyOf(db, first);
    expect(rows).toHaveLength(2);
    const [old, current] = rows;
    expect(old!.rotatedAt).not.toBeNull();
    expect(old!.replacedById).toBe(current!.id);
    expect(current!.tokenHash).toBe(hashRefreshToken(second));
    expect(rows.map((r) => r.tokenHash)).not.toContain(first);
    expect(rows.map((r) => r.tokenHash)).not.toContain(second);
  });

  it("serves 20 concurrent refreshes with one cookie: nobody logged out, one live token", async () => {
    const browser = new Browser();
    await browser.login("janedoe", "secret");
    const cookie = browser.jar.get(COOKIE)!;
    const tabs = Array.from({ length: 20 }, () => {
      const tab = new Browser();
      tab.jar.set(COOKIE, cookie);
      return tab;
    });
    const responses = await Promise.all(tabs.map((tab) => tab.refresh()));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const successors = new Set(tabs.map((tab) => tab.jar.get(COOKIE)));
    expect(successors.size).toBe(1);
    const rows = await familyOf(db, cookie);
    const live = rows.filter((r) => !r.rotatedAt && !r.revokedAt);
    expect(live).toHaveLength(1);
    expect(live[0]!.tokenHash).toBe(hashRefreshToken([...successors][0]!));
    expect(rows.every((r) => !r.revokedAt)).toBe(true);

    const next = await tabs[7]!.refresh();
    expect(next.status).toBe(200);
  });

  it("revokes the family when the user is disabled or deleted, and records why", async () => {
    for (const how of ["disabled", "deleted"] as const) {
      const user = await createUser(db, { prefix: how });
      const browser = new Browser();
      await browser.login(user.username, "secret");
      const token = browser.jar.get(COOKIE)!;
      if (how === "disabled") await db.user.update({ where: { id: user.id }, data: { disabled: true } });
      else await db.user.delete({ where: { id: user.id } });

      const response = await browser.refresh();
      expect(response.status, how).toBe(401);
      expect((await response.json()).detail).toBe("User account error.");
      const family = await familyOf(db, token);
      expect(family.map((r) => r.revokedReason), how).toEqual(family.map(() => "account_disabled"));
      const events = await db.auditEvent.findMany({ where: { type: "refresh.account_error", familyId: family[0]!.familyId } });
      expect(events.map((e) => JSON.parse(e.detail!)), how).toEqual([{ reason: how }]);
    }
  });
});

describe("grace window and expiry, with the clock in the test's hands", () => {
  let ctx: AuthContext & { db: Db };
  beforeAll(async () => {
    ctx = await testAuthContext({ reuseGraceSeconds: 10, refreshTtlSeconds: 100, sessionMaxAgeSeconds: 250 });
  });
  const start = (now: Date) =>
    login(ctx, { username: "johndoe", password: "secret", presentedRefreshToken: null, ...client }, now);

  it("gives a replay inside the grace window the same successor, without a second branch", async () => {
    const issued = await start(at(0));
    const next = await refresh(ctx, issued.refreshToken, client, at(1));
    const replay = await refresh(ctx, issued.refreshToken, client, at(9));
    expect(replay.refreshToken).toBe(next.refreshToken);
    const rows = await familyOf(ctx.db, issued.refreshToken);
    expect(rows).toHaveLength(2);
    expect(await ctx.store.sessions.liveInFamily(rows[0]!.familyId, at(9))).toBe(1);
    expect(await ctx.db.auditEvent.count({ where: { type: "refresh.grace_replay", familyId: rows[0]!.familyId } })).toBe(1);
  });

  it("follows a chain of rotations for a replay inside the window", async () => {
    const issued = await start(at(0));
    const second = await refresh(ctx, issued.refreshToken, client, at(1));
    const third = await refresh(ctx, second.refreshToken, client, at(2));
    const replay = await refresh(ctx, issued.refreshToken, client, at(5));
    expect(replay.refreshToken).toBe(third.refreshToken);
  });

  it("treats a replay after the grace window, once the successor was used, as theft and revokes the whole family", async () => {
    const issued = await start(at(0));
    const next = await refresh(ctx, issued.refreshToken, client, at(1));
    const third = await refresh(ctx, next.refreshToken, client, at(2));
    await expect(refresh(ctx, issued.refreshToken, client, at(12))).rejects.toMatchObject({ status: 401, code: "REFRESH_TOKEN_INVALID" });
    await expect(refresh(ctx, third.refreshToken, client, at(13))).rejects.toMatchObject({ status: 401 });
    const rows = await familyOf(ctx.db, issued.refreshToken);
    expect(rows.every((r) => r.revokedReason === "reuse_detected")).toBe(true);
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { type: "refresh.reuse_detected", familyId: rows[0]!.familyId } });
    expect(event).toMatchObject({ ip: client.ip, userAgent: client.userAgent, at: at(12) });
    expect(JSON.parse(event.detail!)).toEqual({ rotatedSecondsAgo: 11 });
  });

  it("gives a replay after the grace window the same successor while that successor was never presented (a lost answer)", async () => {
    const issued = await start(at(0));
    // The server committed this rotation, then died before the answer reached the browser.
    const lost = await refresh(ctx, issued.refreshToken, client, at(1));
    const retried = await refresh(ctx, issued.refreshToken, client, at(40));
    expect(retried.refreshToken).toBe(lost.refreshToken);
    const rows = await familyOf(ctx.db, issued.refreshToken);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.revokedAt === null)).toBe(true);
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { type: "refresh.lost_answer_replay", familyId: rows[0]!.familyId } });
    expect(JSON.parse(event.detail!)).toEqual({ rotatedSecondsAgo: 39 });
    // Once the successor has been used, the old token is theft again.
    const after = await refresh(ctx, retried.refreshToken, client, at(41));
    await expect(refresh(ctx, issued.refreshToken, client, at(60))).rejects.toMatchObject({ status: 401 });
    await expect(refresh(ctx, after.refreshToken, client, at(61))).rejects.toMatchObject({ status: 401 });
    expect((await familyOf(ctx.db, issued.refreshToken)).every((r) => r.revokedReason === "reuse_detected")).toBe(true);
  });

  it("slides the expiry on use but never past the absolute cap", async () => {
    let token = (await start(at(0))).refreshToken;
    const maxAges: number[] = [];
    for (const t of [90, 180, 240]) {
      const issued = await refresh(ctx, token, client, at(t));
      token = issued.refreshToken;
      maxAges.push(issued.refreshMaxAgeSeconds);
    }
    expect(maxAges).toEqual([100, 70, 10]);
    await expect(refresh(ctx, token, client, at(250))).rejects.toMatchObject({ status: 401 });
  });

  it("expires a token left unused past its sliding lifetime", async () => {
    const issued = await start(at(0));
    await expect(refresh(ctx, issued.refreshToken, client, at(100))).rejects.toMatchObject({ status: 401 });
    const fresh = await start(at(0));
    await expect(refresh(ctx, fresh.refreshToken, client, at(99))).resolves.toMatchObject({ refreshMaxAgeSeconds: 100 });
  });

  it("refuses a revoked token", async () => {
    const issued = await start(at(0));
    const row = await ctx.db.session.findUnique({ where: { tokenHash: hashRefreshToken(issued.refreshToken) } });
    await ctx.store.sessions.revokeFamily(row!.familyId, "admin", at(1));
    await expect(refresh(ctx, issued.refreshToken, client, at(2))).rejects.toMatchObject({ status: 401, code: "REFRESH_TOKEN_INVALID" });
  });
});
