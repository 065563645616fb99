import { spawn } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import type { Db } from "@/lib/db/client";
import { restoreClock, setClock } from "./helpers/clock";
import { holdWrites, untilWaiting } from "./helpers/locks";
import { loginOf } from "./helpers/logins";
import { testEngine } from "./helpers/provision";
import { accessTokenOf, Browser, listInvoices } from "./helpers/routes";
import { startTestServer, TEST_SECRET } from "./helpers/test-app";
import { createUser } from "./helpers/users";

/**
 * A server process commits a rotation and dies (kill -9) before its answer leaves: the
 * browser still holds the old token, and so does a thief who copied it. The lost-answer rule
 * gives the successor to whoever replays the old token within REFRESH_LOST_ANSWER_SECONDS
 * while that successor is unused; the first of two holders to use it makes the other's next
 * refresh (the dashboard's next one comes minutes later) a detected reuse, which ends the login.
 */
const COOKIE = refreshCookieName({ secure: false });
const GRACE_SECONDS = 10;
const LOST_ANSWER_SECONDS = 60;
let db: Db;
let url: string;

beforeAll(async () => {
  ({ db, url } = await startTestServer({ REFRESH_REUSE_GRACE_SECONDS: String(GRACE_SECONDS), REFRESH_LOST_ANSWER_SECONDS: String(LOST_ANSWER_SECONDS) }));
});
afterEach(restoreClock);

/** Another process refreshes with `token` and is killed after the commit, before answering. */
async function crashAfterCommit(token: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/crash-after-refresh.ts", `${COOKIE}=${token}`], {
    env: { ...process.env, DATABASE_URL: url, JWT_SECRET: TEST_SECRET, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let said = "";
  child.stdout.on("data", (chunk) => (said += chunk));
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, killedBy) => resolve(killedBy)));
  expect(signal).toBe("SIGKILL");
  expect(said).toBe("");
}

async function signedInVictim() {
  const user = await createUser(db, { prefix: "crash" });
  const victim = new Browser();
  expect((await victim.login(user.username, "secret")).status).toBe(200);
  const first = victim.jar.get(COOKIE)!;
  await crashAfterCommit(first);
  const login = await loginOf(db, first);
  // Committed: the login moved on, though nobody received the new token.
  expect(login).toMatchObject({ generation: 1, revokedAt: null });
  return { victim, first, rotatedAt: login.rotatedAt!.getTime(), loginId: login.id };
}

const holderOf = (token: string) => {
  const browser = new Browser();
  browser.jar.set(COOKIE, token);
  return browser;
};

describe("a crash between a rotation's commit and its answer", () => {
  it("hands the thief in the gap the successor, and the other holder's next refresh then ends the login for both", async () => {
    const { victim, first, rotatedAt, loginId } = await signedInVictim();
    const thief = holderOf(first);

    setClock(rotatedAt + 20_000);
    const stolen = await thief.refresh();
    expect(stolen.status).toBe(200);
    setClock(rotatedAt + 25_000);
    expect((await victim.refresh()).status).toBe(200);
    expect(victim.jar.get(COOKIE)).toBe(thief.jar.get(COOKIE));
    expect(await db.auditEvent.count({ where: { type: "refresh.lost_answer_replay", familyId: loginId } })).toBe(2);

    setClock(rotatedAt + 30_000);
    const thiefRefresh = await thief.refresh();
    expect(thiefRefresh.status).toBe(200);
    const thiefAccess = await accessTokenOf(thiefRefresh);
    // The dashboard refreshes about four minutes after its last token: long after the window.
    setClock(rotatedAt + 30_000 + 240_000);
    expect((await victim.refresh()).status).toBe(401);
    expect(await db.login.findUniqueOrThrow({ where: { id: loginId } })).toMatchObject({ revokedReason: "reuse_detected" });
    expect((await thief.refresh()).status).toBe(401);
    expect((await listInvoices(thiefAccess)).status).toBe(401);
  });

  it("refuses the old token once the lost-answer window has passed, and ends the login", async () => {
    const { victim, first, rotatedAt, loginId } = await signedInVictim();
    setClock(rotatedAt + (LOST_ANSWER_SECONDS + 1) * 1000);
    expect((await holderOf(first).refresh()).status).toBe(401);
    expect(await db.login.findUniqueOrThrow({ where: { id: loginId } })).toMatchObject({ revokedReason: "reuse_detected" });
    expect((await victim.refresh()).status).toBe(401);
  });

  it("gives the browser's own retry inside the window the successor, as if the answer had arrived", async () => {
    const { victim, rotatedAt, loginId } = await signedInVictim();
    setClock(rotatedAt + (LOST_ANSWER_SECONDS - 1) * 1000);
    expect((await victim.refresh()).status).toBe(200);
    setClock(rotatedAt + LOST_ANSWER_SECONDS * 1000 + 240_000);
    expect((await victim.refresh()).status).toBe(200);
    expect(await db.login.findUniqueOrThrow({ where: { id: loginId } })).toMatchObject({ generation: 2, revokedAt: null });
  });

  it("never hands the successor out once it has been used, even when its use and the replay meet", async () => {
    const { victim, first, rotatedAt, loginId } = await signedInVictim();
    setClock(rotatedAt + 20_000);
    // The victim's retry got the successor; its next refresh and a thief's replay of the old token meet.
    expect((await victim.refresh()).status).toBe(200);
    const held = await holdWrites(url, "Login", { column: "id", value: loginId });
    const rotation = victim.refresh();
    await untilWaiting(url, 1);
    const replay = holderOf(first).refresh();
    await untilWaiting(url, 2);
    await held.release();
    const [rotated, replayed] = await Promise.all([rotation, replay]);
    expect(rotated.status).toBe(200);
    const login = await db.login.findUniqueOrThrow({ where: { id: loginId } });
    if (testEngine() === "postgres" || replayed.status === 401) {
      // The rotation went first (PostgreSQL's lock queue forces it): the old token is now two behind.
      expect(replayed.status).toBe(401);
      expect(login.revokedReason).toBe("reuse_detected");
    } else {
      // SQLite let the replay go first: it was handed the successor while still unused.
      expect(login).toMatchObject({ generation: 2, revokedAt: null });
    }
  });
});
