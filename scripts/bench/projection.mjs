// The refresh throughput a bigger machine should give, from this run's figures: each core
// answers 1000 / (CPU ms per refresh) refreshes a second, and no more rotations commit than
// the writer's ceiling takes. Assumes the load generator runs elsewhere and the work spreads
// over WEB_CONCURRENCY = cores processes at the CPU per request measured at one (the 1 vs N
// rows say what a process adds). SQLite's work is inside the server's CPU already; on
// PostgreSQL the database runs either on a machine of its own (its cores are counted apart)
// or on the same cores (its CPU per request added to the server's).
import { markdownLine } from "./table.mjs";

export const PROJECTED_CORES = [2, 4, 8, 16];

const whole = (v) => (Number.isFinite(v) ? v.toFixed(0) : "–");

/** @param refreshCpuMs server CPU per refresh; dbCpuMs the database's (NaN when unknown); ceiling rotations/s */
export function projection({ refreshCpuMs, dbCpuMs, ceiling, sqlite }) {
  const rate = (cores, ms) => (Number.isFinite(ms) && ms > 0 ? (cores * 1000) / ms : NaN);
  const bound = (cpu) => (cpu > ceiling ? `writer (${whole(ceiling)}/s)` : "CPU");
  const header = sqlite
    ? ["cores", "refresh/s", "bound by"]
    : ["cores", "refresh/s, database on its own machine", "its database cores busy", "bound by", "refresh/s, database on the same cores", "bound by"];
  const rows = PROJECTED_CORES.map((cores) => {
    const alone = rate(cores, refreshCpuMs);
    if (sqlite) return [cores, whole(Math.min(alone, ceiling)), bound(alone)];
    const shared = rate(cores, refreshCpuMs + dbCpuMs);
    const served = Math.min(alone, ceiling);
    return [cores, whole(served), Number.isFinite(dbCpuMs) ? ((served * dbCpuMs) / 1000).toFixed(1) : "–", bound(alone), whole(Math.min(shared, ceiling)), bound(shared)];
  });
  return [markdownLine(header), markdownLine(header.map(() => "---")), ...rows.map(markdownLine)].join("\n");
}
