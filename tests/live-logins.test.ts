import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LiveLoginView, liveLoginView, REVOCATION_STALENESS_MS } from "@/lib/auth/sessions/live-logins";
import type { AuthStorage } from "@/lib/auth/storage";
import { type Database, openDatabase } from "@/lib/db/client";
import { prismaStorage } from "@/lib/db/storage";
import { type Provisioned, provision } from "./helpers/provision";
import { createUser } from "./helpers/users";

/**
 * The live-login view of instance A over a real database, while instance B (a second
 * client on the same database) ends logins. B's writes reach A only through the
 * revocation clock; A's own writes reach its view at once.
 */
let database: Provisioned;
let instanceB: Database;
let storeA: AuthStorage;
let storeB: AuthStorage;
let viewA: LiveLoginView;
const reads = { count: 0 };

beforeAll(async () => {
  database = await provision();
  storeA = prismaStorage(database);
  const counted = {
    ...storeA.logins,
    loginState: (familyId: string) => {
      reads.count++;
      return storeA.logins.loginState(familyId);
    },
  };
  viewA = liveLoginView({ logins: counted, revocations: storeA.revocations });
  database.revokingWrites.subscribe(viewA.forget);
  instanceB = openDatabase(database.url);
  storeB = prismaStorage(instanceB);
});
afterAll(async () => {
  await instanceB.db.$disconnect();
  await database.dispose();
});

const now = () => new Date();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function liveLogin() {
  const user = await createUser(database.db, { prefix: "view" });
  const familyId = randomUUID();
  const at = now();
  await storeA.logins.create(
    {
      id: familyId,
      userId: user.id,
      tokenHash: randomUUID(),
      expiresAt: new Date(at.getTime() + 3600_000),
      absoluteExpiresAt: new Date(at.getTime() + 7200_000),
      userAgent: null,
      ip: null,
      authTime: at,
      amr: ["pwd"],
    },
    at,
  );
  // Warm: the first answers come from the database, then the signal has been read.
  expect(await viewA.find(familyId, now())).toEqual({ userId: user.id, role: "user" });
  await pause(50);
  expect(await viewA.find(familyId, now())).toEqual({ userId: user.id, role: "user" });
  return { userId: user.id, familyId };
}

/** Milliseconds from `since` until A refuses the login, asking every 10 ms for up to 3 s. */
async function refusedAfter(familyId: string, since: number) {
  while (performance.now() - since < 3000) {
    if ((await viewA.find(familyId, now())) === null) return performance.now() - since;
    await pause(10);
  }
  return Number.POSITIVE_INFINITY;
}

describe("the live-login view on a real database", () => {
  it("answers a live login from memory instead of reading the database for every request", async () => {
    const { familyId } = await liveLogin();
    const before = reads.count;
    for (let i = 0; i < 20; i++) expect(await viewA.find(familyId, now())).not.toBeNull();
    expect(reads.count - before).toBe(0);
  });

  it("refuses a login revoked by another instance within the staleness bound", async () => {
    const { familyId } = await liveLogin();
    const revokedAt = performance.now();
    expect(await storeB.logins.revoke(familyId, "logout", now())).toBe(true);
    const elapsed = await refusedAfter(familyId, revokedAt);
    console.info(`revocation on B refused on A after ${elapsed.toFixed(0)} ms (bound ${REVOCATION_STALENESS_MS} ms)`);
    expect(elapsed).toBeLessThan(1000);
  });

  it("refuses a login whose user another instance disabled, or made an admin, within the bound", async () => {
    const disabled = await liveLogin();
    const disabledAt = performance.now();
    await instanceB.db.user.update({ where: { id: disabled.userId }, data: { disabled: true } });
    expect(await refusedAfter(disabled.familyId, disabledAt)).toBeLessThan(1000);

    const promoted = await liveLogin();
    const promotedAt = performance.now();
    await instanceB.db.user.update({ where: { id: promoted.userId }, data: { role: "admin" } });
    let role = "user";
    while (role !== "admin" && performance.now() - promotedAt < 3000) {
      role = (await viewA.find(promoted.familyId, now()))?.role ?? "none";
      await pause(10);
    }
    expect(role).toBe("admin");
    expect(performance.now() - promotedAt).toBeLessThan(1000);
  });

  it("refuses at once, with no wait at all, a login this instance revokes", async () => {
    const { familyId, userId } = await liveLogin();
    await storeA.logins.revoke(familyId, "logout", now());
    expect(await viewA.find(familyId, now())).toBeNull();

    const other = await liveLogin();
    await database.db.user.update({ where: { id: other.userId }, data: { disabled: true } });
    expect(await viewA.find(other.familyId, now())).toBeNull();
    expect(userId).not.toBe(other.userId);
  });
});
