// CPU time of the processes that serve a phase, read from /proc around the phase only, summed
// over the server's whole tree (the primary, its WEB_CONCURRENCY workers, any child) and, on
// PostgreSQL, over the backends serving the bench database. Each process's time is the sum of
// its threads' run time in /proc/<pid>/task/<tid>/schedstat (nanoseconds, user + system), so a
// burst of a few dozen requests is measured as well as a 5 s phase; where schedstat is missing,
// user + system ticks from /proc/<pid>/stat (1/CLK_TCK s, 10 ms at the usual 100: still under
// 1 % of a phase that answers thousands of requests). A thread that ends during a phase takes
// its time with it; the server's threads (main, V8's helpers, libuv's pool, the password
// workers) live as long as the process.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";

const CLOCK_TICKS = (() => {
  try {
    const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
})();

function scheduledMs(pid) {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
  return ns / 1e6;
}

function tickMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

let source = null;
/** User + system CPU of one process in ms (all its threads); 0 once it is gone. */
export function cpuMsOf(pid) {
  try {
    if (source === null) {
      try {
        scheduledMs(pid);
        source = scheduledMs;
      } catch {
        source = tickMs;
      }
    }
    return source(pid);
  } catch {
    return 0;
  }
}

/** A snapshot of `pids`' CPU, and the ms each spent since an earlier snapshot (new pids from 0). */
export function cpuSnapshot(pids) {
  return new Map(pids.map((pid) => [pid, cpuMsOf(pid)]));
}
export function cpuSpent(before, after) {
  let ms = 0;
  for (const [pid, now] of after) ms += now - (before.get(pid) ?? 0);
  return ms;
}

/**
 * The PostgreSQL backends of one database (pg_stat_activity.pid), read through /proc, so
 * only when the server runs on this machine and its processes are visible; otherwise null.
 * The cluster's shared processes (WAL writer, checkpointer) are left out: other databases
 * of the same cluster may be busy with other work, and a backend flushes its own commit.
 */
export async function postgresCpu(adminUrl, database) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const backends = async () => {
    const { rows } = await client.query("SELECT pid FROM pg_stat_activity WHERE datname = $1", [database]);
    return rows.map((r) => Number(r.pid));
  };
  const { rows } = await client.query("SELECT pg_backend_pid() AS pid");
  const visible = readable(Number(rows[0].pid));
  return {
    visible,
    take: async () => (visible ? cpuSnapshot(await backends()) : new Map()),
    spent: cpuSpent,
    close: () => client.end().catch(() => {}),
  };
}

function readable(pid) {
  try {
    return /postgres|postmaster/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}
