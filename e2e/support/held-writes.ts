import { spawn } from "node:child_process";
import pg from "pg";

/** The application_name of the connection holding the writes. */
export const HOLDER_NAME = "gatehouse-test-holder";

export interface HeldWrites {
  release(): Promise<void>;
}

/**
 * Someone else holding the writes to a login open until released, while reads go on: another
 * process with the SQLite file's write lock, or a PostgreSQL transaction holding the login's
 * row. Writers arriving meanwhile, from any server process, all wait and race when it lets go.
 */
export async function holdLoginWrites(databaseUrl: string, loginId: string): Promise<HeldWrites> {
  if (databaseUrl.startsWith("file:")) {
    const script = `const D = require("better-sqlite3"); const db = new D(process.argv[1]); db.exec("BEGIN IMMEDIATE"); console.log("locked");
      process.stdin.on("end", () => { db.exec("COMMIT"); db.close(); process.exit(0); }).resume();`;
    const holder = spawn(process.execPath, ["-e", script, databaseUrl.slice("file:".length)], { stdio: ["pipe", "pipe", "inherit"] });
    const exited = new Promise<void>((resolve) => holder.once("exit", () => resolve()));
    await new Promise((resolve) => holder.stdout.once("data", resolve));
    return { release: () => (holder.stdin.end(), exited) };
  }
  // Named, so a count of the server's own connections can leave it out.
  const client = new pg.Client({ connectionString: databaseUrl, application_name: HOLDER_NAME });
  await client.connect();
  await client.query("BEGIN");
  await client.query('SELECT 1 FROM "Login" WHERE "id" = $1 FOR UPDATE', [loginId]);
  return {
    async release() {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

/** Resolves once `count` PostgreSQL sessions wait for a lock; SQLite writers wait unseen, so there a pause. */
export async function untilWritersWait(databaseUrl: string, count: number): Promise<void> {
  if (databaseUrl.startsWith("file:")) return new Promise((resolve) => setTimeout(resolve, 500));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 5))) {
      const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
      if (rows[0]!.n >= count) return;
    }
    throw new Error(`fewer than ${count} writers came to wait for the lock`);
  } finally {
    await client.end();
  }
}
