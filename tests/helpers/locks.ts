import { spawn } from "node:child_process";
import pg from "pg";
import { databaseKind } from "@/lib/database-kind";
import { sqliteFilePath } from "@/lib/db/database-url";

export interface HeldLock {
  /** Settles once the lock is let go. */
  released: Promise<void>;
}

export interface HeldWrites {
  /** Lets the writers waiting for the lock go; resolves once it is let go. */
  release(): Promise<void>;
}

const quoted = (name: string) => {
  if (!/^[A-Za-z]+$/.test(name)) throw new Error(`not a table or column name: ${name}`);
  return `"${name}"`;
};

/**
 * Another process holding a SQLite file's write lock: resolves once it holds it, and lets go
 * after `ms`, or when told to (standard input closing) when `ms` is null. Readers go on (WAL).
 */
async function sqliteWriteLock(file: string, ms: number | null) {
  const script = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.exec("BEGIN IMMEDIATE"); console.log("locked");
    const done = () => { db.exec("COMMIT"); db.close(); process.exit(0); };
    if (process.argv[2] === "held") process.stdin.on("end", done).resume(); else setTimeout(done, Number(process.argv[2]));`;
  const holder = spawn(process.execPath, ["-e", script, file, ms === null ? "held" : String(ms)], { stdio: ["pipe", "pipe", "inherit"] });
  const released = new Promise<void>((resolve) => holder.once("exit", () => resolve()));
  await new Promise((resolve) => holder.stdout.once("data", resolve));
  return { released, release: () => (holder.stdin.end(), released) };
}

/** Another process holding the SQLite file's write lock for `ms`: resolves once it holds it. */
export async function holdSqliteFileLock(file: string, ms: number): Promise<HeldLock> {
  const { released } = await sqliteWriteLock(file, ms);
  return { released };
}

/**
 * Someone else keeping reads and writes of logins out for `ms`: another process holding a
 * SQLite file's lock, or another PostgreSQL connection holding the Login table's.
 */
export async function holdLoginsLock(databaseUrl: string, ms: number): Promise<HeldLock> {
  if (databaseKind(databaseUrl) === "sqlite") return holdSqliteFileLock(sqliteFilePath(databaseUrl), ms);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query('BEGIN; LOCK TABLE "Login" IN ACCESS EXCLUSIVE MODE');
  return { released: new Promise((resolve) => setTimeout(() => void client.query("COMMIT").then(() => client.end()).then(() => resolve()), ms)) };
}

/**
 * Someone else holding the writes of `table` open until released, while reads go on: on
 * SQLite another process with the file's write lock, on PostgreSQL a transaction holding the
 * row `row` picks (FOR UPDATE) or, without one, the table in EXCLUSIVE mode. Writers that
 * arrive meanwhile all wait, and race when it lets go: the overlap is forced, not hoped for.
 */
export async function holdWrites(databaseUrl: string, table: string, row?: { column: string; value: string | number }): Promise<HeldWrites> {
  if (databaseKind(databaseUrl) === "sqlite") return sqliteWriteLock(sqliteFilePath(databaseUrl), null);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("BEGIN");
  if (row) await client.query(`SELECT 1 FROM ${quoted(table)} WHERE ${quoted(row.column)} = $1 FOR UPDATE`, [row.value]);
  else await client.query(`LOCK TABLE ${quoted(table)} IN EXCLUSIVE MODE`);
  return {
    async release() {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

/**
 * Resolves once `count` writers wait behind a held lock. PostgreSQL says so itself; a SQLite
 * writer waits on timers nobody can see, so there it is given time to get there (the
 * statements before a write take microseconds), and the callers check afterwards that each
 * writer finished only once the lock was let go.
 */
export async function untilWaiting(databaseUrl: string, count: number): Promise<void> {
  if (databaseKind(databaseUrl) === "sqlite") return new Promise((resolve) => setTimeout(resolve, 300));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (rows[0]!.n >= count) return;
      if (Date.now() > deadline) throw new Error(`only ${rows[0]!.n} of ${count} writers came to wait for the lock`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    await client.end();
  }
}

/** Another process holding the SQLite file's write lock until `release()` is called. */
export async function holdSqliteFileLockUntilReleased(file: string): Promise<HeldWrites> {
  const { release } = await sqliteWriteLock(file, null);
  return { release };
}
