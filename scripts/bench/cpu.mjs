// CPU time of the processes that serve a phase, read from /proc around the phase only:
// user + system ticks (fields 14 and 15 of /proc/<pid>/stat, every thread of the process
// included) summed over the server's whole tree (the primary, its WEB_CONCURRENCY workers,
// any child) and, on PostgreSQL, over the backends serving the bench database.
// Ticks are 1/CLK_TCK s (10 ms at the usual 100): a 5 s phase that answers thousands of
// requests spends hundreds of ticks, so the rounding is under 1 % of the figure.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import pg from "pg";

const CLOCK_TICKS = (() => {
  try {
    const value = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU of one process in ms (all its threads); 0 once it is gone. */
export function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
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
