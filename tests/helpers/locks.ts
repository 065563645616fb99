import { spawn } from "node:child_process";
import pg from "pg";
import { databaseKind, sqliteFilePath } from "@/lib/db/database-url";

export interface HeldLock {
  /** Settles once the lock is let go. */
  released: Promise<void>;
}

/** Another process holding the SQLite file's write lock for `ms`: resolves once it holds it. */
export async function holdSqliteFileLock(file: string, ms: number): Promise<HeldLock> {
  const script = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.exec("BEGIN EXCLUSIVE"); console.log("locked"); setTimeout(() => { db.exec("COMMIT"); db.close(); }, Number(process.argv[2]));`;
  const holder = spawn(process.execPath, ["-e", script, file, String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<void>((resolve) => holder.once("exit", () => resolve()));
  await new Promise((resolve) => holder.stdout.once("data", resolve));
  return { released };
}

/**
 * Someone else keeping writes to sessions out for `ms`: another process holding a SQLite
 * file's lock, or another PostgreSQL connection holding the Session table's.
 */
export async function holdSessionsLock(databaseUrl: string, ms: number): Promise<HeldLock> {
  if (databaseKind(databaseUrl) === "sqlite") return holdSqliteFileLock(sqliteFilePath(databaseUrl), ms);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN; LOCK TABLE "Session" IN ACCESS EXCLUSIVE MODE');
  return { released: new Promise((resolve) => setTimeout(() => void client.query("COMMIT").then(() => client.end()).then(() => resolve()), ms)) };
}

/** Another process holding the SQLite file's write lock until `release()` is called. */
export async function holdSqliteFileLockUntilReleased(file: string): Promise<{ release(): Promise<void> }> {
  const script = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.exec("BEGIN EXCLUSIVE"); console.log("locked"); process.stdin.on("end", () => { db.exec("COMMIT"); db.close(); }); process.stdin.resume();`;
  const holder = spawn(process.execPath, ["-e", script, file], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => holder.once("exit", () => resolve()));
  await new Promise((resolve) => holder.stdout.once("data", resolve));
  return {
    release() {
      holder.stdin.end();
      return exited;
    },
  };
}
