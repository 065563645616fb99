// The primary of `npm start` with WEB_CONCURRENCY above 1: it forks that many copies of
// server.mjs, which share the port (node:cluster hands each new connection to one of them),
// and does no HTTP itself. Each copy is a full instance: the state they share lives in the
// database, as it does across machines.
import cluster from "node:cluster";
import { availableParallelism } from "node:os";

/** WEB_CONCURRENCY: a whole number of processes, or `auto` for one per core. */
export function webConcurrency(raw, cores = availableParallelism()) {
  if (raw === undefined || raw === "") return 1;
  if (raw.trim().toLowerCase() === "auto") return Math.max(1, cores);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64) return null;
  return value;
}

/** How many processes this server runs: WEB_CONCURRENCY's count in a worker of the primary, else 1. */
export function processesOfThisServer(isWorker = cluster.isWorker, raw = process.env.WEB_CONCURRENCY) {
  return isWorker ? (webConcurrency(raw) ?? 1) : 1;
}

export const READY_MESSAGE = "gatehouse:ready";

/** A worker's word to its primary that it listens; a no-op outside a cluster. */
export function reportReady() {
  if (cluster.isWorker) process.send?.(READY_MESSAGE);
}

/**
 * Forks `size` workers and resolves once all of them listen. A worker that dies before it
 * listens (a bad setting, an unmigrated database) stops the whole server with exit code 1;
 * one that dies later is replaced. SIGTERM and SIGINT are passed on to every worker, each
 * drains its own connections, and the primary exits once they are gone.
 */
export function runPrimary({ size, logger, shutdownTimeoutMs, onListening }) {
  let stopping = false;
  let ready = 0;
  let listening = false;
  const started = new Set();

  const fork = () => {
    const worker = cluster.fork();
    worker.on("message", (message) => {
      if (message !== READY_MESSAGE) return;
      started.add(worker.id);
      if (++ready < size) return;
      if (listening) logger.info({ pid: worker.process.pid }, "a replacement server process is ready");
      else onListening();
      listening = true;
    });
    return worker;
  };

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    if (!started.has(worker.id)) {
      logger.fatal({ pid: worker.process.pid, code, signal }, "a server process failed to start; stopping");
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = 1;
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, "a server process died; starting another");
    started.delete(worker.id);
    ready--;
    fork();
  });

  for (let i = 0; i < size; i++) fork();

  const onSignal = (signal) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "signal received; stopping every server process");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => {
      logger.error("server processes overran the shutdown deadline; exiting anyway");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(1);
    }, 2 * Math.max(shutdownTimeoutMs, 1000) + 5000).unref();
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  // The primary exits by itself once every worker has gone and nothing else is pending.
}
