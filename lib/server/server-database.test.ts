import bcrypt from "bcryptjs";
import Sqlite from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { buildServerContext } from "./context";
import { openServerDatabase } from "./server-database";

const secret = "s".repeat(40);

/** A SQLite file as the server finds it, and the settings it would run with. */
function serverSettings(extra: Record<string, string> = {}) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "gatehouse-defaults-")), "server.db");
  new Sqlite(file).close();
  return parseEnv({ NODE_ENV: "test", JWT_SECRET: secret, DATABASE_URL: `file:${file}`, ...extra });
}

const pragma = async (database: ReturnType<typeof openServerDatabase>, name: string) =>
  (await database.db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`))[0]![name];

describe("the server's defaults, as its database connection and its passwords really are", () => {
  it("syncs every SQLite commit to disk (synchronous FULL) unless SQLITE_SYNCHRONOUS says NORMAL, on every connection", async () => {
    const settings = serverSettings();
    expect(settings.SQLITE_SYNCHRONOUS).toBe("FULL");
    const database = openServerDatabase(settings);
    try {
      expect(Number(await pragma(database, "synchronous"))).toBe(2);
      expect(await pragma(database, "journal_mode")).toBe("wal");
      // A connection opened again (after a fault, say) is set up the same way.
      await database.db.$disconnect();
      expect(Number(await pragma(database, "synchronous"))).toBe(2);
    } finally {
      await database.db.$disconnect();
    }
    const normal = openServerDatabase(serverSettings({ SQLITE_SYNCHRONOUS: "NORMAL" }));
    try {
      expect(Number(await pragma(normal, "synchronous"))).toBe(1);
    } finally {
      await normal.db.$disconnect();
    }
  });

  it("hashes new passwords at bcrypt cost 12, the cost unknown users are compared at, unless BCRYPT_COST says otherwise", async () => {
    const settings = serverSettings();
    expect(settings.BCRYPT_COST).toBe(12);
    const server = buildServerContext(openServerDatabase(settings), settings);
    try {
      expect(server.config.bcryptCost).toBe(12);
      expect(bcrypt.getRounds(await server.passwords.hash("a new passphrase", server.config.bcryptCost))).toBe(12);
    } finally {
      await server.close();
    }
    expect(parseEnv({ NODE_ENV: "test", JWT_SECRET: secret, BCRYPT_COST: "10" }).BCRYPT_COST).toBe(10);
  });
});
