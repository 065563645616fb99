import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { refreshCookieName } from "@/lib/auth/sessions/cookie";
import { hashRefreshToken, successorRefreshToken } from "@/lib/auth/sessions/refresh-token";
import { type Database, openDatabase } from "@/lib/db/client";
import type { DatabaseKind } from "@/lib/database-kind";
import { prismaPaths } from "@/lib/db/database-url";
import { api, signIn } from "./helpers/admin-routes";
import { restoreClock, setClock } from "./helpers/clock";
import { tokenParts, testRefreshKeys } from "./helpers/logins";
import { adminQuery, withDatabaseName } from "./helpers/provision";
import { accessTokenOf, Browser, me } from "./helpers/routes";
import { TEST_SECRET } from "./helpers/test-app";
import { fixtureHash } from "./helpers/users";

/**
 * A database with the per-token rows of before, live logins in it, migrated to one row per
 * login by the committed migration: the token each browser holds keeps working once, an
 * older one is still reuse, and nothing about the logins is lost.
 */
const COOKIE = refreshCookieName({ secure: false });
const UPGRADE = "20261204000000_one_row_per_login";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const now = Date.now();
const template = inject("templateDatabase");

/** The legacy successor: an HMAC of the token, as rotation derived it before. */
const legacyNext = (token: string) => successorRefreshToken(token, randomUUID(), 0, testRefreshKeys);

interface LegacyRow {
  id: string;
  familyId: string;
  token: string;
  createdAt: number;
  rotatedAt?: number;
  replacedById?: string;
  revokedAt?: number;
  revokedReason?: string;
  familyExpiresAt: number;
}

/** A family of `length` tokens, the last one current, the first created `startedAgo` ago. */
function family(length: number, startedAgo: number, step: number, extra: Partial<LegacyRow> = {}): LegacyRow[] {
  const familyId = randomUUID();
  const rows: LegacyRow[] = [];
  let token = randomBytes(32).toString("base64url");
  for (let i = 0; i < length; i++) {
    const createdAt = now - startedAgo + i * step;
    rows.push({ id: randomUUID(), familyId, token, createdAt, familyExpiresAt: now - startedAgo + 30 * DAY, ...extra });
    token = legacyNext(token);
  }
  for (let i = 0; i < length - 1; i++) Object.assign(rows[i]!, { rotatedAt: rows[i + 1]!.createdAt, replacedById: rows[i + 1]!.id });
  return rows;
}

const families = {
  live: family(3, 3 * HOUR, HOUR),
  stolen: family(3, 3 * HOUR, HOUR),
  revoked: family(1, HOUR, 0, { revokedAt: now - 30 * MINUTE, revokedReason: "admin" }),
  // Rotated three seconds before the upgrade; the answer may not have arrived.
  justRotated: family(2, 3_000 + 3_000, 3_000),
  pastCap: family(1, 31 * DAY, 0),
};
const legacyRows = Object.values(families).flat();

const migrationsBefore = (kind: DatabaseKind) => {
  const dir = prismaPaths(kind).migrations;
  const names = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  expect(names).toContain(UPGRADE);
  return { dir, before: names.filter((name) => name < UPGRADE), after: names.filter((name) => name > UPGRADE) };
};
const migrationSql = (dir: string, name: string) => readFileSync(path.join(dir, name, "migration.sql"), "utf8");

/** Each engine's way to run SQL and write a timestamp as the old client wrote it. */
interface Raw {
  run(sql: string, values?: unknown[]): Promise<void>;
  time(ms: number): string;
  close(): Promise<void>;
}

async function rawConnection(url: string): Promise<Raw> {
  if (url.startsWith("file:")) {
    const sqlite = new Sqlite(url.slice("file:".length));
    return {
      run: async (sql, values) => void (values ? sqlite.prepare(sql).run(...values) : sqlite.exec(sql)),
      // Prisma keeps a SQLite DateTime as ISO-8601 text with an explicit offset.
      time: (ms) => new Date(ms).toISOString().replace("Z", "+00:00"),
      close: async () => void sqlite.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    run: async (sql, values) => void (await client.query(sql, values)),
    // timestamp(3) without a time zone, kept in UTC.
    time: (ms) => new Date(ms).toISOString().replace("T", " ").replace("Z", ""),
    close: () => client.end(),
  };
}

let scratchDir: string | undefined;

async function freshDatabaseUrl(): Promise<string> {
  if (template.engine === "sqlite") {
    scratchDir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-upgrade-"));
    return `file:${path.join(scratchDir, "upgrade.db")}`;
  }
  const name = `${template.name}_up_${randomUUID().replaceAll("-", "").slice(0, 8)}`;
  await adminQuery(template.adminUrl, `CREATE DATABASE "${name}"`);
  return withDatabaseName(template.adminUrl, name);
}

let database: Database;
let userId: number;

beforeAll(async () => {
  const url = await freshDatabaseUrl();
  const kind = url.startsWith("file:") ? "sqlite" : "postgres";
  const { dir, before, after } = migrationsBefore(kind);
  const raw = await rawConnection(url);
  try {
    for (const name of before) await raw.run(migrationSql(dir, name));
    const p = (i: number) => (kind === "postgres" ? `$${i}` : "?");
    const addUser = async (username: string, role: string) =>
      raw.run(`INSERT INTO "User" ("username", "email", "fullName", "passwordHash", "role", "updatedAt") VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)})`, [
        username,
        `${username}@example.com`,
        username,
        await fixtureHash("secret"),
        role,
        raw.time(now),
      ]);
    await addUser("johndoe", "admin");
    await addUser("upgraded", "user");
    userId = 2;
    const columns = ["id", "userId", "familyId", "tokenHash", "createdAt", "expiresAt", "familyExpiresAt", "lastUsedAt", "rotatedAt", "replacedById", "revokedAt", "revokedReason", "userAgent", "ip"];
    for (const row of legacyRows) {
      const at = (ms: number | undefined) => (ms === undefined ? null : raw.time(ms));
      const lastUsed = row.rotatedAt ?? row.createdAt;
      await raw.run(`INSERT INTO "Session" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map((_, i) => p(i + 1)).join(", ")})`, [
        row.id,
        userId,
        row.familyId,
        hashRefreshToken(row.token),
        at(row.createdAt),
        at(Math.min(row.createdAt + 7 * DAY, row.familyExpiresAt)),
        at(row.familyExpiresAt),
        at(lastUsed),
        at(row.rotatedAt),
        row.replacedById ?? null,
        at(row.revokedAt),
        row.revokedReason ?? null,
        "Upgrade test browser",
        "10.9.0.1",
      ]);
    }
    await raw.run(migrationSql(dir, UPGRADE));
    // The migrations that came later, so the server runs on the schema it expects.
    for (const name of after) await raw.run(migrationSql(dir, name));
  } finally {
    await raw.close();
  }
  Object.assign(process.env, { DATABASE_URL: url, JWT_SECRET: TEST_SECRET, BCRYPT_COST: "4" });
  database = openDatabase(url);
});
afterEach(restoreClock);
afterAll(async () => {
  await database.db.$disconnect();
  if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
});

const refreshWith = async (token: string) => {
  const browser = new Browser();
  browser.jar.set(COOKIE, token);
  const response = await browser.refresh();
  return { response, cookie: browser.jar.get(COOKIE) };
};
const head = (rows: LegacyRow[]) => rows.at(-1)!;

// One story: the upgrade, then the logins it carried over in use.
describe("the upgrade to one row per login", { shuffle: false }, () => {
  it("makes each family one login, keeps the tokens that can still matter and the past refreshes", async () => {
    const { db } = database;
    const logins = await db.login.findMany({ orderBy: { createdAt: "asc" } });
    expect(logins).toHaveLength(Object.keys(families).length);
    const live = logins.find((login) => login.id === families.live[0]!.familyId)!;
    expect(live).toMatchObject({
      userId,
      generation: 0,
      tokenHash: hashRefreshToken(head(families.live).token),
      createdAt: new Date(families.live[0]!.createdAt),
      rotatedAt: new Date(head(families.live).createdAt),
      revokedAt: null,
      userAgent: "Upgrade test browser",
      // The step-up migration that follows: a login from before it proved it by password at sign-in.
      authTime: new Date(families.live[0]!.createdAt),
      amr: "pwd",
    });
    expect(logins.find((login) => login.id === families.revoked[0]!.familyId)).toMatchObject({ revokedReason: "admin" });
    const legacy = await db.legacyRefreshToken.findMany();
    const generationOf = (row: LegacyRow) => legacy.find((token) => token.tokenHash === hashRefreshToken(row.token))?.generation;
    expect(families.live.map(generationOf)).toEqual([-2, -1, 0]);
    expect(families.justRotated.map(generationOf)).toEqual([-1, 0]);
    expect(families.revoked.map(generationOf)).toEqual([0]);
    expect(families.pastCap.map(generationOf)).toEqual([undefined]);
    const rotations = legacyRows.filter((row) => row.rotatedAt).length;
    expect((await db.refreshActivity.aggregate({ _sum: { count: true } }))._sum.count).toBe(rotations);
  });

  it("lists the live logins once each, with when they started", async () => {
    const admin = (await signIn("johndoe")).token;
    const rows = (await (await api.listSessions(admin, { filter: { userId }, range: [0, 99] })).json()) as { id: string; createdAt: string }[];
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set([families.live, families.stolen, families.justRotated].map((rows) => rows[0]!.familyId)));
    expect(rows.find((row) => row.id === families.live[0]!.familyId)!.createdAt).toBe(new Date(families.live[0]!.createdAt).toISOString());
  });

  it("accepts the token a browser held once, as generation 0, and rotates it into the sealed form", async () => {
    const current = head(families.live).token;
    const first = await refreshWith(current);
    expect(first.response.status).toBe(200);
    expect(tokenParts(first.cookie!)).toEqual({ loginId: families.live[0]!.familyId, generation: 1 });
    expect((await me(await accessTokenOf(first.response))).status).toBe(200);
    // A tab replaying it inside the grace window gets the same successor.
    expect((await refreshWith(current)).cookie).toBe(first.cookie);
    expect((await refreshWith(first.cookie!)).response.status).toBe(200);
    expect(await database.db.login.findUniqueOrThrow({ where: { id: families.live[0]!.familyId } })).toMatchObject({ generation: 2, revokedAt: null });
  });

  it("still treats an older token of a carried-over login as reuse, and ends that login", async () => {
    const stolen = families.stolen;
    const replay = await refreshWith(stolen[0]!.token);
    expect(replay.response.status).toBe(401);
    expect(await database.db.login.findUniqueOrThrow({ where: { id: stolen[0]!.familyId } })).toMatchObject({ revokedReason: "reuse_detected" });
    expect((await refreshWith(head(stolen).token)).response.status).toBe(401);
    // And after a carried-over login rotated, its tokens from before the upgrade are all old.
    expect((await refreshWith(families.live[1]!.token)).response.status).toBe(401);
    expect(await database.db.login.findUniqueOrThrow({ where: { id: families.live[0]!.familyId } })).toMatchObject({ revokedReason: "reuse_detected" });
  });

  it("gives the predecessor of a token rotated just before the upgrade its successor, as a tab's retry", async () => {
    setClock(now + 1_000);
    const [before, after] = families.justRotated;
    const retry = await refreshWith(before!.token);
    expect(retry.response.status).toBe(200);
    expect(retry.cookie).toBe(after!.token);
    const onward = await refreshWith(after!.token);
    expect(onward.response.status).toBe(200);
    expect(tokenParts(onward.cookie!)).toMatchObject({ generation: 1 });
  });

  it("tells a revoked login's holder why, and refuses a login past its cap like an unknown cookie", async () => {
    const revoked = await refreshWith(head(families.revoked).token);
    expect(revoked.response.status).toBe(401);
    expect(await revoked.response.json()).toMatchObject({ reason: "revoked_by_admin" });
    const capped = await refreshWith(head(families.pastCap).token);
    expect(capped.response.status).toBe(401);
    expect(await capped.response.json()).toEqual({ detail: "The refresh token has expired or was not found.", code: "REFRESH_TOKEN_INVALID" });
  });
});
