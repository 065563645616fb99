// Runs the writer's ceiling (writer-ceiling.ts, in tsx processes as seed.ts is) on a migrated
// scratch database and turns its JSON lines into a Markdown table: rotations per second by
// number of concurrent callers, medians over the rounds, in one process and in several at
// once on the same database (their measurements lined up, their rotations added).
import { spawn } from "node:child_process";
import { median } from "./load.mjs";
import { markdownLine } from "./table.mjs";

function runWriter(env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/bench/writer-ceiling.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line))) : reject(new Error(`the writer's ceiling failed:\n${err.trim()}`))));
  });
}

/** Rows for `processes` writer processes at once: rotations/s summed over them per measurement. */
async function writerRows(env, processes) {
  // Set-up (tsx, the client, the logins) takes a few seconds; all start measuring together.
  const startAt = Date.now() + 8_000 + 2_000 * processes;
  const outputs = await Promise.all(Array.from({ length: processes }, () => runWriter({ ...env, WRITER_START_AT: String(startAt), WRITER_PROCESSES: String(processes) })));
  const measurements = new Map();
  for (const lines of outputs)
    for (const line of lines) {
      const key = `${line.round}/${line.callers}`;
      const sum = measurements.get(key) ?? { callers: line.callers, perSecond: 0, cpuMs: [], p50: [], p99: [], refused: 0, synchronous: line.synchronous, pool: line.pool };
      sum.perSecond += line.perSecond;
      sum.cpuMs.push(line.cpuMsPerRotation);
      sum.p50.push(line.p50);
      sum.p99.push(line.p99);
      sum.refused += line.refused;
      measurements.set(key, sum);
    }
  const byCallers = new Map();
  for (const m of measurements.values()) byCallers.set(m.callers, [...(byCallers.get(m.callers) ?? []), m]);
  return [...byCallers].map(([callers, list]) => ({
    processes,
    callers,
    perSecond: median(list.map((m) => m.perSecond)),
    cpuMs: median(list.flatMap((m) => m.cpuMs)),
    p50: median(list.flatMap((m) => m.p50)),
    p99: median(list.flatMap((m) => m.p99)),
    refused: list.reduce((sum, m) => sum + m.refused, 0),
    synchronous: list[0].synchronous,
    pool: list[0].pool,
  }));
}

export async function writerCeiling(env, processCounts = [1, 2]) {
  const rows = [];
  for (const processes of processCounts) rows.push(...(await writerRows(env, processes)));
  return rows;
}

export function writerTable(rows, databaseLabel) {
  const header = ["writer's ceiling: rotations, no HTTP", "rotations/s", "CPU ms/rotation (writer process)", "p50 ms", "p99 ms", "notes"];
  const sqlite = /SQLite/.test(databaseLabel);
  return [
    markdownLine(header),
    markdownLine(header.map(() => "---")),
    ...rows.map((r) =>
      markdownLine([
        `${r.processes} process${r.processes > 1 ? "es" : ""} × ${r.callers} concurrent caller(s), one login each`,
        r.perSecond.toFixed(0),
        r.cpuMs.toFixed(3),
        r.p50.toFixed(2),
        r.p99.toFixed(2),
        [sqlite ? `group commit, SYNCHRONOUS=${r.synchronous}` : `a pool of ${r.pool} connections each, as a server's process${r.processes > 1 ? "es" : ""} keep${r.processes > 1 ? "" : "s"}`, r.refused ? `${r.refused} refused` : ""].filter(Boolean).join("; "),
      ]),
    ),
  ].join("\n");
}
