import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

/**
 * The README promises that setting up needs nothing from the internet but the npm registry,
 * whichever database DATABASE_URL names. These run the real npm scripts.
 */
const ROOT = path.resolve(__dirname, "..");
const scratches: string[] = [];
afterEach(() => {
  for (const dir of scratches.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  scratches.push(dir);
  return dir;
}

/** The environment of a person's shell: none of the switches the project must set itself. */
function personEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CHECKPOINT_DISABLE;
  delete env.DATABASE_URL;
  for (const key of Object.keys(env)) if (key.startsWith("npm_")) delete env[key];
  return { ...env, ...extra };
}

/**
 * A copy of the files `npm ci`'s postinstall reads (package.json, the Prisma config, the
 * schemas), with node_modules linked to this checkout's but for its own @prisma/client, so
 * the clients it generates land in the copy and never under the running tests.
 */
function installCopy(): string {
  const dir = scratchDir("gatehouse-install-");
  for (const file of ["package.json", "prisma.config.ts", "lib/database-kind.ts", "lib/db/database-url.ts", "lib/db/engine/postgres/cli-types.ts", "prisma/schema.prisma", "prisma/postgres/schema.prisma"]) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  const modules = path.join(ROOT, "node_modules");
  mkdirSync(path.join(dir, "node_modules", "@prisma", "client"), { recursive: true });
  for (const entry of readdirSync(modules)) {
    if (entry !== "@prisma" && entry !== ".prisma") symlinkSync(path.join(modules, entry), path.join(dir, "node_modules", entry));
  }
  for (const entry of readdirSync(path.join(modules, "@prisma"))) {
    if (entry !== "client") symlinkSync(path.join(modules, "@prisma", entry), path.join(dir, "node_modules", "@prisma", entry));
  }
  const client = path.join(modules, "@prisma", "client");
  for (const entry of readdirSync(client)) {
    const target = path.join(dir, "node_modules", "@prisma", "client", entry);
    if (entry === "runtime") symlinkSync(path.join(client, entry), target);
    else cpSync(path.join(client, entry), target, { recursive: true });
  }
  return dir;
}

function npmRun(script: string, cwd: string, env: NodeJS.ProcessEnv, wrap: string[] = []) {
  const [command, ...args] = [...wrap, "npm", "run", script];
  const result = spawnSync(command!, args, { cwd, env, encoding: "utf8", timeout: 180_000 });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ?? ""}` };
}

// Any engine download fails, even on a machine that reaches the internet.
const NO_DOWNLOADS = { PRISMA_ENGINES_MIRROR: "http://127.0.0.1:9", HTTPS_PROXY: "http://127.0.0.1:9", HTTP_PROXY: "http://127.0.0.1:9" };

describe("npm ci's postinstall generates both Prisma clients offline", () => {
  const urls = {
    "a PostgreSQL DATABASE_URL (docs/postgresql.md)": "postgresql://gatehouse:secret@db.internal:5432/gatehouse",
    "a SQLite DATABASE_URL": "file:./elsewhere/app.db",
    "no DATABASE_URL": undefined,
  };
  for (const [name, url] of Object.entries(urls)) {
    it(`with ${name}`, { timeout: 180_000 }, () => {
      const dir = installCopy();
      const run = npmRun("postinstall", dir, personEnv({ ...NO_DOWNLOADS, ...(url ? { DATABASE_URL: url } : {}) }));
      expect(run.output).not.toMatch(/binaries\.prisma|query_engine|ECONNREFUSED/);
      expect(run.status, run.output).toBe(0);
      expect(existsSync(path.join(dir, "node_modules", ".prisma", "client", "index.js"))).toBe(true);
      expect(existsSync(path.join(dir, "lib", "db", "generated", "postgres", "index.js"))).toBe(true);
    });
  }
});

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/** Every address an internet socket of the trace connected or sent to that is not this machine. */
function outsideConnections(trace: string): string[] {
  return trace
    .split("\n")
    .filter((line) => /sa_family=AF_INET6?\b/.test(line))
    .filter((line) => {
      const address = /inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"/.exec(line);
      return !address || !LOOPBACK.test(address[1] ?? address[2] ?? "");
    });
}

describe("npm run db:migrate", () => {
  it("reads a trace's connections: loopback is fine, anything else is named", () => {
    const trace = [
      '12  connect(22, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
      '12  connect(3, {sa_family=AF_INET, sin_port=htons(5432), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      '12  connect(4, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = -1',
      '12  connect(5, {sa_family=AF_INET6, sin6_port=htons(5432), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
      '12  connect(6, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1',
    ].join("\n");
    expect(outsideConnections(trace)).toHaveLength(2);
  });

  it("makes no connection beyond this machine (Prisma's checkpoint, npm's update check)", { timeout: 180_000 }, () => {
    const dir = scratchDir("gatehouse-migrate-");
    const traceFile = path.join(dir, "trace.txt");
    // A fresh HOME: the person's own ~/.npmrc must not be what keeps npm quiet.
    mkdirSync(path.join(dir, "home"));
    const env = personEnv({ HOME: path.join(dir, "home"), DATABASE_URL: `file:${path.join(dir, "app.db")}` });
    const strace = ["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-e", "signal=none", "-o", traceFile];
    const run = npmRun("db:migrate", ROOT, env, strace);
    expect(run.status, `${run.output}\n(the test needs strace: bash scripts/ensure-system-tools.sh)`).toBe(0);
    expect(run.output).toMatch(/migrations have been successfully applied|All migrations have been/i);
    expect(outsideConnections(readFileSync(traceFile, "utf8"))).toEqual([]);
  });
});
