import path from "node:path";
import type { Worker } from "node:worker_threads";

// Taken at run time rather than imported: Turbopack bundles `new Worker(path)` of an
// imported Worker, and a path it cannot resolve makes it try every file in the project.
const { Worker: WorkerThread } = process.getBuiltinModule("node:worker_threads");

export interface PasswordPoolOptions {
  /** Workers, and so the most jobs running at once. */
  size: number;
  /** Jobs that may wait for a worker; the next one is refused with PasswordPoolBusyError. */
  maxQueue: number;
  /** The worker script; defaults to workers/password-worker.cjs under the working directory. */
  workerPath?: string;
}

export interface PasswordPoolStats {
  /** Jobs running in a worker now. */
  busy: number;
  /** Jobs waiting for a worker. */
  queued: number;
  /** Jobs a worker answered (a compare answering false included). */
  completed: number;
  /** Jobs refused because the queue was full. */
  rejected: number;
}

export interface PasswordPool {
  /** bcrypt hash of an already-normalised secret. */
  hash(secret: string, cost: number): Promise<string>;
  compare(secret: string, hash: string): Promise<boolean>;
  stats(): PasswordPoolStats;
  /** Terminates the workers; running and waiting jobs reject, later ones too. */
  close(): Promise<void>;
}

export class PasswordPoolBusyError extends Error {
  constructor() {
    super("Too many password checks are waiting; try again shortly.");
    this.name = "PasswordPoolBusyError";
  }
}

type Request = { op: "hash"; secret: string; cost: number } | { op: "compare"; secret: string; hash: string };
type Reply = { ok: true; value: string | boolean } | { ok: false; message: string };

interface Job {
  request: Request;
  resolve: (value: string | boolean) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

// The working directory, not this module's location: Turbopack bundles server code, so a
// path derived from import.meta.url or __dirname is unreliable; the app starts from the project root.
// turbopackIgnore: a path built from process.cwd() is otherwise traced as "any file of the
// project", so the dev server would watch (and reload on) every file under the root.
export function defaultWorkerPath(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), "workers/password-worker.cjs");
}

export function createPasswordPool(options: PasswordPoolOptions): PasswordPool {
  const { size, maxQueue } = options;
  if (!Number.isInteger(size) || size < 1) throw new RangeError("size must be a positive integer");
  if (!Number.isInteger(maxQueue) || maxQueue < 0) throw new RangeError("maxQueue must be a non-negative integer");
  const workerPath = path.resolve(/* turbopackIgnore: true */ options.workerPath ?? defaultWorkerPath());

  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let completed = 0;
  let rejected = 0;
  let closed = false;

  function spawn(): Slot {
    // A plain CommonJS worker needs none of the parent's loaders (tsx, Vitest, Next's).
    const worker = new WorkerThread(workerPath, { execArgv: [] });
    const slot: Slot = { worker, job: null };
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const job = release(slot);
      if (!job) return;
      if (reply.ok) {
        completed += 1;
        job.resolve(reply.value);
      } else {
        job.reject(new Error(reply.message));
      }
      const next = queue.shift();
      if (next) start(slot, next);
    });
    worker.on("error", (error) => {
      // Dying: it must not look idle to the next job before its exit event arrives.
      slots.delete(slot);
      release(slot)?.reject(error);
    });
    worker.on("exit", (code) => {
      slots.delete(slot);
      release(slot)?.reject(new Error(`Password worker stopped (exit code ${code})`));
      refill();
    });
    slots.add(slot);
    return slot;
  }

  // Referenced only while working: an idle pool must not keep the process alive, a busy one must.
  function start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.worker.ref();
    slot.worker.postMessage(job.request);
  }

  function release(slot: Slot): Job | null {
    const job = slot.job;
    slot.job = null;
    slot.worker.unref();
    return job;
  }

  // Replaces crashed workers while jobs are waiting for them.
  function refill(): void {
    while (!closed && slots.size < size) {
      const job = queue.shift();
      if (!job) return;
      start(spawn(), job);
    }
  }

  function run(request: Request): Promise<string | boolean> {
    if (closed) return Promise.reject(new Error("The password pool is closed"));
    return new Promise((resolve, reject) => {
      const job: Job = { request, resolve, reject };
      const idle = [...slots].find((slot) => slot.job === null);
      if (idle) start(idle, job);
      else if (slots.size < size) start(spawn(), job);
      else if (queue.length < maxQueue) queue.push(job);
      else {
        rejected += 1;
        reject(new PasswordPoolBusyError());
      }
    });
  }

  return {
    async hash(secret, cost) {
      // bcryptjs silently clamps a cost above 31 to 31, which would hold a worker for days.
      if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new RangeError("bcrypt cost must be an integer from 4 to 31");
      const value = await run({ op: "hash", secret, cost });
      if (typeof value !== "string") throw new TypeError("Password worker answered a hash with no string");
      return value;
    },
    async compare(secret, hash) {
      const value = await run({ op: "compare", secret, hash });
      if (typeof value !== "boolean") throw new TypeError("Password worker answered a compare with no boolean");
      return value;
    },
    stats() {
      const busy = [...slots].filter((slot) => slot.job !== null).length;
      return { busy, queued: queue.length, completed, rejected };
    },
    async close() {
      closed = true;
      const error = new Error("The password pool is closed");
      for (const job of queue.splice(0)) job.reject(error);
      const workers = [...slots].map((slot) => {
        release(slot)?.reject(error);
        return slot.worker;
      });
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
