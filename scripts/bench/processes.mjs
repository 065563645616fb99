// Production servers (`node server.mjs`) for the benchmarks: started in their own process
// group, watched until they are ready and idle, measured (RSS, CPU) and stopped.
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { cpuMsOf, cpuSnapshot } from "./cpu.mjs";
import { log, onCleanup } from "./harness.mjs";

/** Child pids of `pid`, read from /proc/<pid>/task/<tid>/children. */
function childrenOf(pid) {
  const out = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
  } catch {}
  return out;
}

/** `pid` and all its descendants. */
export function processTree(pid) {
  const all = [];
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift();
    if (!existsSync(`/proc/${next}`)) continue;
    all.push(next);
    queue.push(...childrenOf(next));
  }
  return all;
}

const statusField = (pid, field) => {
  try {
    const match = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+)`, "m"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
};

/** Resident memory of the server and all its descendants, in MiB. */
export const treeRssMiB = (pid) => processTree(pid).reduce((sum, p) => sum + statusField(p, "VmRSS"), 0) / 1024;

/** Whether anything accepts connections on 127.0.0.1:`port`. */
function portAnswers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("timeout", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `node server.mjs` in its own process group (so its workers, if any, can be stopped
 * together), waits for `/api/ready` to answer 200, then for every process of the tree to go
 * idle: with WEB_CONCURRENCY > 1 the first ready worker answers before the others have
 * booted, and a booting process is busy loading Next.
 */
export async function startServer(env, { processes, logDir }) {
  if (await portAnswers(Number(env.PORT))) throw new Error(`something already listens on port ${env.PORT}: choose another with BENCH_PORT`);
  const logFile = path.join(logDir, `server-${Date.now()}.log`);
  const fd = openSync(logFile, "a");
  const child = spawn(process.execPath, ["server.mjs"], {
    env: { ...env, WEB_CONCURRENCY: String(processes) },
    stdio: ["ignore", fd, fd],
    detached: true,
  });
  closeSync(fd);
  let exited = null;
  child.on("exit", (code, signal) => (exited = { code, signal }));
  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {}
  };
  const stop = async () => {
    if (!exited) {
      killGroup("SIGTERM");
      for (let i = 0; i < 150 && !exited; i++) await sleep(100);
    }
    if (!exited) {
      log(`server ${child.pid} ignored SIGTERM for 15 s: killing it`);
      killGroup("SIGKILL");
      for (let i = 0; i < 20 && !exited; i++) await sleep(100);
    }
    // Stray workers of the group, should the primary have gone first.
    killGroup("SIGKILL");
  };
  const entry = onCleanup(stop, () => killGroup("SIGKILL"));
  const tail = () => readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");

  const origin = env.APP_ORIGIN;
  const deadline = Date.now() + Number(process.env.BENCH_START_TIMEOUT_SECONDS || 180) * 1000;
  for (;;) {
    if (exited) throw new Error(`the server exited while starting (code ${exited.code}, signal ${exited.signal}); its log:\n${tail()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server was not ready within the start timeout; its log:\n${tail()}`);
    }
    try {
      const response = await fetch(`${origin}/api/ready`, { signal: AbortSignal.timeout(2000) });
      const body = await response.text();
      if (response.status === 200 && /"status":\s*"ready"/.test(body)) break;
    } catch {}
    await sleep(200);
  }
  // Idle means under 10 % of a core per process over two consecutive half-seconds.
  let previous = new Map(processTree(child.pid).map((pid) => [pid, cpuMsOf(pid)]));
  let quiet = 0;
  for (let i = 0; i < 60 && quiet < 2; i++) {
    await sleep(500);
    const now = new Map(processTree(child.pid).map((pid) => [pid, cpuMsOf(pid)]));
    const busy = [...now].some(([pid, ms]) => ms - (previous.get(pid) ?? 0) > 50);
    quiet = busy || now.size !== previous.size ? 0 : quiet + 1;
    previous = now;
  }
  return {
    pid: child.pid,
    origin,
    /** Processes in the server's tree right now (primary and workers). */
    processCount: () => processTree(child.pid).length,
    rssMiB: () => treeRssMiB(child.pid),
    /** CPU ms so far of every process in the tree; `cpuSpent(before, after)` gives a phase's. */
    cpuSnapshot: () => cpuSnapshot(processTree(child.pid)),
    stop: async () => {
      entry.done = true;
      await stop();
    },
  };
}
