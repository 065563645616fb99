// Runs the writer's ceiling (writer-ceiling.ts, in its own tsx process as seed.ts is) on a
// migrated scratch database and turns its JSON lines into a Markdown table: rotations per
// second by number of concurrent callers, medians over the rounds.
import { execFileSync } from "node:child_process";
import { median } from "./load.mjs";
import { markdownLine } from "./table.mjs";

/** @returns {{ callers: number, perSecond: number, p50: number, p99: number, cpuMs: number, refused: number, synchronous: string }[]} */
export function writerCeiling(env) {
  let out;
  try {
    out = execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/bench/writer-ceiling.ts"], { env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 << 20 });
  } catch (error) {
    throw new Error(`the writer's ceiling failed:\n${error.stderr?.toString().trim() ?? error.message}`);
  }
  const runs = out.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line));
  const byCallers = new Map();
  for (const run of runs) byCallers.set(run.callers, [...(byCallers.get(run.callers) ?? []), run]);
  return [...byCallers].map(([callers, list]) => ({
    callers,
    perSecond: median(list.map((r) => r.perSecond)),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    cpuMs: median(list.map((r) => r.cpuMsPerRotation)),
    refused: list.reduce((sum, r) => sum + r.refused, 0),
    synchronous: list[0].synchronous,
  }));
}

export function writerTable(rows, databaseLabel) {
  const header = ["writer's ceiling: rotations, no HTTP", "rotations/s", "CPU ms/rotation (this process)", "p50 ms", "p99 ms", "notes"];
  const sqlite = /SQLite/.test(databaseLabel);
  return [
    markdownLine(header),
    markdownLine(header.map(() => "---")),
    ...rows.map((r) =>
      markdownLine([
        `${databaseLabel}: ${r.callers} concurrent caller(s), one login each`,
        r.perSecond.toFixed(0),
        r.cpuMs.toFixed(3),
        r.p50.toFixed(2),
        r.p99.toFixed(2),
        [sqlite ? `group commit, SYNCHRONOUS=${r.synchronous}` : "pool of the server's size", r.refused ? `${r.refused} refused` : ""].filter(Boolean).join("; "),
      ]),
    ),
  ].join("\n");
}
