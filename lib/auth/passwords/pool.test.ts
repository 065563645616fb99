import bcrypt from "bcryptjs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { JOHNDOE_SEED_HASH } from "@/prisma/seed-data";
import {
  createPasswordPool,
  defaultWorkerPath,
  PasswordPoolBusyError,
  type PasswordPool,
  type PasswordPoolOptions,
} from "./pool";

const scratch = mkdtempSync(path.join(os.tmpdir(), "password-pool-"));
const pools: PasswordPool[] = [];

function pool(options: PasswordPoolOptions): PasswordPool {
  const created = createPasswordPool(options);
  pools.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(pools.splice(0).map((created) => created.close()));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The real worker, except that two secrets kill it: one by an uncaught throw, one by exiting.
function crashingWorkerPath(): string {
  const file = path.join(scratch, "crashing-worker.cjs");
  writeFileSync(
    file,
    `const { parentPort } = require("node:worker_threads");
const on = parentPort.on.bind(parentPort);
parentPort.on = (event, listener) =>
  on(event, (request) => {
    if (request.secret === "throw!") throw new Error("worker blew up");
    if (request.secret === "exit!") process.exit(3);
    listener(request);
  });
require(${JSON.stringify(defaultWorkerPath())});
`,
  );
  return file;
}

describe("password pool", () => {
  it("hashes and compares in a worker", async () => {
    const passwords = pool({ size: 2, maxQueue: 4 });
    const hash = await passwords.hash("correct horse", 4);
    expect(bcrypt.getRounds(hash)).toBe(4);
    expect(await passwords.compare("correct horse", hash)).toBe(true);
    expect(await passwords.compare("correct horsE", hash)).toBe(false);
    expect(passwords.stats()).toEqual({ busy: 0, queued: 0, completed: 3, rejected: 0 });
  });

  it("is interchangeable with bcryptjs on the main thread", async () => {
    const passwords = pool({ size: 1, maxQueue: 1 });
    expect(bcrypt.compareSync("tidal lantern", await passwords.hash("tidal lantern", 5))).toBe(true);
    expect(await passwords.compare("tidal lantern", bcrypt.hashSync("tidal lantern", 5))).toBe(true);
    expect(await passwords.compare("secret", JOHNDOE_SEED_HASH)).toBe(true);
    expect(await passwords.compare("Secret", JOHNDOE_SEED_HASH)).toBe(false);
  });

  it("refuses a job at once when the queue is full", async () => {
    const passwords = pool({ size: 1, maxQueue: 1 });
    const first = passwords.hash("one", 10);
    const second = passwords.hash("two", 10);
    const third = passwords.hash("three", 10);
    expect(passwords.stats()).toEqual({ busy: 1, queued: 1, completed: 0, rejected: 1 });
    await expect(third).rejects.toBeInstanceOf(PasswordPoolBusyError);
    expect(bcrypt.compareSync("one", await first)).toBe(true);
    expect(bcrypt.compareSync("two", await second)).toBe(true);
    expect(passwords.stats()).toEqual({ busy: 0, queued: 0, completed: 2, rejected: 1 });
  });

  it("leaves the main thread idle while it works", async () => {
    const passwords = pool({ size: 2, maxQueue: 8 });
    const hash = await passwords.hash("warm up", 10);
    const before = performance.eventLoopUtilization();
    const results = await Promise.all(Array.from({ length: 8 }, () => passwords.compare("warm up", hash)));
    const used = performance.eventLoopUtilization(before);
    expect(results).toEqual(Array.from({ length: 8 }, () => true));
    // Share of the wait the main thread spent running code, not a duration, so a busy
    // machine does not move it: bcrypt on the main thread (sync or async) keeps it near 1.
    expect(used.utilization).toBeLessThan(0.5);
  });

  it("rejects the job of a crashed worker, replaces it and carries on", async () => {
    const passwords = pool({ size: 1, maxQueue: 2, workerPath: crashingWorkerPath() });
    const thrown = passwords.hash("throw!", 4);
    const waiting = passwords.hash("after the throw", 4);
    await expect(thrown).rejects.toThrow("worker blew up");
    // Submitted while the crashed worker is still exiting: it must not be handed to it.
    expect(await passwords.compare("secret", JOHNDOE_SEED_HASH)).toBe(true);
    expect(bcrypt.compareSync("after the throw", await waiting)).toBe(true);

    await expect(passwords.compare("exit!", JOHNDOE_SEED_HASH)).rejects.toThrow(/exit code 3/);
    expect(await passwords.compare("secret", JOHNDOE_SEED_HASH)).toBe(true);
    expect(passwords.stats()).toMatchObject({ busy: 0, queued: 0, completed: 3 });
  });

  it("rejects bcrypt's own errors without losing the worker", async () => {
    const passwords = pool({ size: 1, maxQueue: 0 });
    const foreign = `$9z$${JOHNDOE_SEED_HASH.slice(4)}`;
    await expect(passwords.compare("secret", foreign)).rejects.toThrow(/Invalid salt version/);
    expect(await passwords.compare("secret", JOHNDOE_SEED_HASH)).toBe(true);
  });

  it("refuses a cost bcryptjs would silently clamp or mangle", async () => {
    const passwords = pool({ size: 1, maxQueue: 0 });
    for (const cost of [3, 32, 99, 10.5, Number.NaN]) {
      await expect(passwords.hash("secret", cost)).rejects.toBeInstanceOf(RangeError);
    }
    expect(passwords.stats()).toEqual({ busy: 0, queued: 0, completed: 0, rejected: 0 });
  });

  it("starts workers only when a job comes", async () => {
    const passwords = pool({ size: 1, maxQueue: 0, workerPath: path.join(scratch, "missing.cjs") });
    await expect(passwords.hash("secret", 4)).rejects.toThrow(/Cannot find module/);
  });

  it("close() rejects running and later jobs", async () => {
    const passwords = pool({ size: 1, maxQueue: 1 });
    const running = expect(passwords.hash("one", 10)).rejects.toThrow(/closed/);
    const waiting = expect(passwords.hash("two", 10)).rejects.toThrow(/closed/);
    await passwords.close();
    await running;
    await waiting;
    await expect(passwords.compare("secret", JOHNDOE_SEED_HASH)).rejects.toThrow(/closed/);
    expect(passwords.stats()).toMatchObject({ busy: 0, queued: 0 });
  });

  it("keeps a tsx script alive while working and lets it exit when idle", () => {
    const script = path.join(scratch, "idle-exit.mts");
    const poolModule = pathToFileURL(path.join(process.cwd(), "lib/auth/passwords/pool.ts")).href;
    writeFileSync(
      script,
      `import { createPasswordPool } from ${JSON.stringify(poolModule)};
const pool = createPasswordPool({ size: 2, maxQueue: 2 });
const hash = await pool.hash("secret", 4);
console.log(await pool.compare("secret", hash));
`,
    );
    const output = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", script], {
      cwd: process.cwd(),
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(output.trim()).toBe("true");
  });
});
