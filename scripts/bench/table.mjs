// The Markdown table of `npm run bench`: medians over the rounds, ratios the median of the
// per-round ratios. CPU is the server's user + system time per answered request (every process
// of its tree), and on PostgreSQL the bench database's backends' beside it ("+ db").
import { machineLine } from "./harness.mjs";
import { formatStatuses, median } from "./load.mjs";
import { CONNECTIONS, FLOOD, LOGIN_CONNECTIONS, MEMORY_SECONDS, PROCESSES, ROUNDS, SECONDS, STORM_CLIENTS } from "./settings.mjs";

export const rps = (v) => (!Number.isFinite(v) ? "–" : v >= 100 ? v.toFixed(0) : v.toFixed(1));
export const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : "–");
export const cpu = (v) => (Number.isFinite(v) ? (v >= 10 ? v.toFixed(1) : v.toFixed(2)) : "–");
export const ratio = (v) => (Number.isFinite(v) ? v.toFixed(2) : "–");
const pct = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : "–");
export const med = (runs, key) => median(runs.map((r) => r[key]));
export const perRound = (a, b, f) => median(a.map((x, i) => f(x, b[i])));
const statuses = (runs) => {
  const all = {};
  for (const run of runs) for (const [k, v] of Object.entries(run.statuses ?? run)) all[k] = (all[k] ?? 0) + v;
  return formatStatuses(all);
};
export const onlyOk = (runs) => {
  const text = statuses(runs);
  return /^2\d\d: \d+$/.test(text) ? "" : `statuses: ${text}`;
};
/** "1.42" or, with the database's CPU, "1.42 + db 0.31". */
export const cpuCell = (runs, withDb) => {
  const own = med(runs, "cpuMs");
  return withDb && Number.isFinite(own) ? `${cpu(own)} + db ${cpu(med(runs, "dbCpuMs"))}` : cpu(own);
};

export const HEADER = ["", "req/s", "CPU ms/req", "p50 ms", "p99 ms", "ratio", "goal", "notes"];
export const markdownLine = (cells) => `| ${cells.map((c) => String(c).replaceAll("|", "\\|")).join(" | ")} |`;
export const markdownTable = (rows) => [markdownLine(HEADER), markdownLine(HEADER.map(() => "---")), ...rows.map(markdownLine)].join("\n");

export function printTable({ database, paths, ceilings, storm, scaling, processesSeen, idle, memory, workersPerProcess, databaseCpu, extraRows = [] }) {
  const rows = [];
  const row = (name, runs, ratioText, goal, notes = "") =>
    rows.push([name, rps(med(runs, "rps")), cpuCell(runs, databaseCpu), ms(med(runs, "p50")), ms(med(runs, "p99")), ratioText, goal, notes]);
  const vsFloor = (runs, floor, name) =>
    `${name}/floor ${ratio(perRound(runs, floor, (a, b) => a.rps / b.rps))}; CPU ${ratio(perRound(runs, floor, (a, b) => a.cpuMs / b.cpuMs))}× floor`;

  const floor = paths.floor;
  row(`floor: GET /api/health, ${CONNECTIONS} conns`, floor, "–", "–", onlyOk(floor));
  row(`refresh: POST /api/auth/refresh-token, ${CONNECTIONS} conns`, paths.refresh, vsFloor(paths.refresh, floor, "refresh"), "≥ 0.6; CPU ≤ 1.3×", onlyOk(paths.refresh));
  const bound = paths["bound refresh"];
  row(
    `bound refresh: POST /api/auth/refresh-token with a DPoP proof, ${CONNECTIONS} conns`,
    bound,
    `${vsFloor(bound, floor, "bound")}; CPU ${ratio(perRound(bound, paths.refresh, (a, b) => a.cpuMs / b.cpuMs))}× refresh`,
    "≥ 0.5",
    [`proofs signed before each phase${bound.some((r) => r.signedLate) ? `, ${bound.reduce((sum, r) => sum + r.signedLate, 0)} signed during it` : ""}`, onlyOk(bound)].filter(Boolean).join("; "),
  );
  row(`list: GET /api/invoices (20 rows, bearer), ${CONNECTIONS} conns`, paths.list, vsFloor(paths.list, floor, "list"), "≥ 0.7; CPU ≤ 1.2×", onlyOk(paths.list));
  const hashMs = median(ceilings.map((c) => c.ms));
  row(
    `login: POST /api/auth/token, ${LOGIN_CONNECTIONS} conns (${LOGIN_CONNECTIONS} users)`,
    paths.login,
    `login/ceiling ${ratio(perRound(paths.login, ceilings, (a, c) => a.rps / c.ceiling))}`,
    "≥ 0.8",
    `ceiling ${workersPerProcess} password worker(s) × 1000 / ${hashMs.toFixed(0)} ms per cost-12 compare (timed here around each login phase) = ${rps(median(ceilings.map((c) => c.ceiling)))}/s; statuses: ${statuses(paths.login)}`,
  );
  for (const extra of extraRows) row(extra.name, extra.runs, extra.ratio?.(floor) ?? "–", extra.goal ?? "–", [extra.notes, onlyOk(extra.runs)].filter(Boolean).join("; "));
  row(`storm idle: refresh only, ${STORM_CLIENTS} conns`, storm.idle, `delivered ${pct(med(storm.idle, "delivered"))}`, "–", onlyOk(storm.idle));
  row(
    `storm flood: refresh, ${STORM_CLIENTS} conns + ${FLOOD} login conns`,
    storm.flood,
    `p99 flood/idle ${ratio(perRound(storm.flood, storm.idle, (a, b) => a.p99 / b.p99))}; delivered ${pct(med(storm.flood, "delivered"))}`,
    "≤ 2; ≥ 95 %",
    `refresh timeout 2 s; ${onlyOk(storm.flood) || "refreshes all 2xx"}; logins: ${statuses(storm.flood.map((r) => r.floodStatuses))}`,
  );
  for (const path of ["floor", "refresh", "list"]) {
    const one = scaling[1][path];
    const many = scaling[PROCESSES][path];
    const dbRatio = databaseCpu ? `; db ${ratio(perRound(many, one, (a, b) => a.dbCpuMs / b.dbCpuMs))}` : "";
    rows.push([
      `processes: ${path}, 1 vs ${PROCESSES}`,
      `${rps(med(one, "rps"))} → ${rps(med(many, "rps"))}`,
      `${cpuCell(one, databaseCpu)} → ${cpuCell(many, databaseCpu)}`,
      `${ms(med(one, "p50"))} → ${ms(med(many, "p50"))}`,
      `${ms(med(one, "p99"))} → ${ms(med(many, "p99"))}`,
      `CPU/req ${PROCESSES}/1 ${ratio(perRound(many, one, (a, b) => a.cpuMs / b.cpuMs))}${dbRatio}; req/s ${PROCESSES}/1 ${ratio(perRound(many, one, (a, b) => a.rps / b.rps))}`,
      "CPU/req ≤ 1.05",
      [
        `processes seen: ${processesSeen[1]} / ${processesSeen[PROCESSES]}`,
        `idle server CPU ${ms(median(idle[1]))} → ${ms(median(idle[PROCESSES]))} ms/s, i.e. ${cpu(median(idle[1]) / med(one, "rps"))} → ${cpu(median(idle[PROCESSES]) / med(many, "rps"))} ms of each request's CPU at these rates`,
        onlyOk([...one, ...many]),
      ]
        .filter(Boolean)
        .join("; "),
    ]);
  }
  const change = memory.end / memory.early - 1;
  rows.push([
    `memory: refresh load ${MEMORY_SECONDS} s, ${CONNECTIONS} conns, 1 process`,
    rps(memory.load.rps),
    cpuCell([memory.load], databaseCpu),
    ms(memory.load.p50),
    ms(memory.load.p99),
    `RSS ${memory.early.toFixed(0)} MiB → ${memory.end.toFixed(0)} MiB over the ${MEMORY_SECONDS} s (medians of the samples within 2 s): ${change >= 0 ? "+" : ""}${(100 * change).toFixed(1)} %`,
    "within 10 %",
    [
      `after a warm-up of ${memory.warmup} refreshes in ${memory.warmedAt.toFixed(0)} s on the fresh process (RSS ${memory.first.toFixed(0)} → ${memory.early.toFixed(0)} MiB)`,
      `peak ${memory.peak.toFixed(0)} MiB (server and its child processes)`,
      onlyOk([memory.load]),
    ]
      .filter(Boolean)
      .join("; "),
  ]);

  console.log(
    [
      machineLine(database.label),
      `${ROUNDS} round(s) of ${SECONDS} s per path${ROUNDS < 3 ? " (fewer than the 3 the figures call for)" : ""}, paths rotated between rounds; figures are medians over the rounds, ratios the median of the per-round ratios. CPU ms/req: user + system time of every server process (from /proc, around the load only) per answered request${databaseCpu ? "; + db: the same for the PostgreSQL backends of the bench database" : ""}.`,
      "",
      markdownTable(rows),
    ].join("\n"),
  );
}
