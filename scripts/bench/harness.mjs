// Set-up and tear-down for the benchmarks: a production build, a scratch database (SQLite temp
// file, or a fresh PostgreSQL database on BENCH_DATABASE_URL's server), migrations, seed data
// with bench users. Everything made here, and the servers of processes.mjs, is registered for
// clean-up, which runs on success, failure and signals.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const log = (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

// ---- clean-up --------------------------------------------------------------------------

const cleanups = [];
/** Registers an async clean-up; they run last-in first-out. `sync` is the fallback for a hard exit. */
export function onCleanup(fn, sync) {
  const entry = { fn, sync, done: false };
  cleanups.push(entry);
  return entry;
}

let cleaning = null;
/** Runs every clean-up once; later and concurrent callers wait for the same run. */
export function cleanUp() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const entry = cleanups.pop();
      if (entry.done) continue;
      entry.done = true;
      try {
        await entry.fn();
      } catch (error) {
        log(`clean-up step failed: ${error?.message ?? error}`);
      }
    }
  })();
  return cleaning;
}

/** Set by the first way out (a signal, a crash or the end of main); later ones just wait for it. */
let exitCode = null;
async function exitWith(code, message) {
  if (exitCode !== null) {
    await cleanUp();
    process.exit(exitCode);
  }
  exitCode = code;
  if (message) log(message);
  await cleanUp();
  process.exit(code);
}

/** Ctrl-C, SIGTERM and crashes clean up before exiting; a plain exit runs the sync fallbacks. */
export function installCleanupHandlers() {
  process.on("SIGINT", () => exitWith(130, "interrupted: cleaning up"));
  process.on("SIGTERM", () => exitWith(143, "terminated: cleaning up"));
  process.on("SIGHUP", () => exitWith(129, "hang-up: cleaning up"));
  process.on("uncaughtException", (error) => exitWith(1, `setup failed: ${error?.stack ?? error}`));
  process.on("unhandledRejection", (error) => exitWith(1, `setup failed: ${error?.stack ?? error}`));
  process.on("exit", () => {
    for (const entry of cleanups) {
      if (entry.done || !entry.sync) continue;
      try {
        entry.sync();
      } catch {}
    }
  });
}

/** Runs `main`; any error is a set-up failure: clear message, clean-up, exit 1. */
export async function runMain(main) {
  installCleanupHandlers();
  try {
    await main();
  } catch (error) {
    // After Ctrl-C the work in flight fails as the server goes: that is no set-up failure.
    await exitWith(1, exitCode === null ? `setup failed: ${error?.message ?? error}` : undefined);
  }
  await exitWith(0);
}

// ---- build, database, seed -------------------------------------------------------------

const node = (args, env, what) => {
  try {
    execFileSync(process.execPath, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    throw new Error(`${what} failed:\n${error.stderr?.toString().trim() ?? error.message}`);
  }
};

export function ensureBuild(env) {
  if (existsSync(".next/BUILD_ID") && process.env.BENCH_BUILD !== "1") return;
  log("running next build (no .next/BUILD_ID, or BENCH_BUILD=1) ...");
  try {
    execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { env: { ...env, NODE_ENV: "production" }, stdio: ["ignore", 2, 2] });
  } catch {
    throw new Error("next build failed (see above)");
  }
}

/** A scratch directory for the SQLite file and server logs, removed at the end. */
export function scratchDir() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  onCleanup(remove, remove);
  return dir;
}

/**
 * The database the run uses: a SQLite file in `dir`, or with `BENCH_DATABASE_URL=postgres://…`
 * a new database gatehouse_bench_<random> on that server, dropped at the end.
 */
export async function scratchDatabase(dir) {
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) return { kind: "sqlite", url: `file:${path.join(dir, "bench.db")}`, label: "SQLite (temp file)" };
  if (!/^postgres(ql)?:\/\//.test(base)) throw new Error("BENCH_DATABASE_URL must be a postgres:// or postgresql:// URL");
  const name = `gatehouse_bench_${randomBytes(6).toString("hex")}`;
  const admin = new URL(base);
  admin.pathname = "/postgres";
  const target = new URL(base);
  target.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    const { rows } = await client.query("SHOW server_version");
    onCleanup(() => dropDatabase(admin.toString(), name));
    log(`created PostgreSQL database ${name}`);
    return { kind: "postgres", url: target.toString(), adminUrl: admin.toString(), name, label: `PostgreSQL ${rows[0].server_version.split(" ")[0]} (${target.host}, scratch database)` };
  } catch (error) {
    throw new Error(`cannot create a scratch database on ${admin.host}: ${error.message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dropDatabase(adminUrl, name) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
    await client.query(`DROP DATABASE IF EXISTS "${name}"`);
    log(`dropped PostgreSQL database ${name}`);
  } finally {
    await client.end().catch(() => {});
  }
}

/** migrate deploy + the demo seed + `benchUsers` admins sharing `benchPassword` (cost-12 bcrypt); `seedEnv` for seed.ts's other users. */
export function migrateAndSeed(env, benchUsers, benchPassword, seedEnv = {}) {
  log("migrating and seeding the scratch database ...");
  node(["node_modules/prisma/build/index.js", "migrate", "deploy"], env, "prisma migrate deploy");
  node(["node_modules/tsx/dist/cli.mjs", "scripts/bench/seed.ts"], { ...env, ...seedEnv, BENCH_USERS: String(benchUsers), BENCH_USER_PASSWORD: benchPassword }, "seeding");
}

export const benchUsername = (i) => `bench${String(i + 1).padStart(3, "0")}`;

/** The environment every server of the run shares (same secret, so sessions survive restarts). */
export function serverEnv(port, databaseUrl) {
  return {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(48).toString("base64url"),
    APP_ORIGIN: `http://localhost:${port}`,
    PORT: String(port),
  };
}

/** What the password pool of one server process defaults to (lib/server/context.ts). */
export function passwordWorkersPerProcess(env) {
  const configured = Number(env.PASSWORD_WORKERS);
  return Number.isInteger(configured) && configured > 0 ? configured : Math.max(1, Math.min(2, os.cpus().length - 1));
}

export function machineLine(databaseLabel) {
  const cpus = os.cpus();
  return `Machine: ${os.availableParallelism()} cores (${cpus[0]?.model.trim() ?? "unknown CPU"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}; database: ${databaseLabel}`;
}
