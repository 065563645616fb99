// npm run bench — the issue-12 figures in one Markdown table: floor, refresh, list and login
// req/s with p50/p99 and their ratios, refresh under a login storm, 1 vs N processes, memory.
// Production build, scratch database (SQLite temp file; BENCH_DATABASE_URL=postgres://… for a
// scratch PostgreSQL database on that server). Prints figures only and asserts nothing: exit 0
// unless the set-up fails. Progress goes to stderr, the table to stdout.
//
// Settings (env): BENCH_SECONDS per phase (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (20),
// BENCH_LOGIN_CONNECTIONS (8), BENCH_FLOOD (8), BENCH_STORM_CLIENTS (4), BENCH_PROCESSES
// (cores, at least 2), BENCH_MEMORY_SECONDS (60), BENCH_WARMUP_SECONDS (1), BENCH_PORT (3311),
// BENCH_BUILD=1 to rebuild, BENCH_DATABASE_URL, BENCH_DPOP=1 (device-bound refresh clients, docs/dpop.md).
// PASSWORD_WORKERS and the like pass through.
import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";
import os from "node:os";
import {
  benchUsername,
  ensureBuild,
  log,
  machineLine,
  migrateAndSeed,
  passwordWorkersPerProcess,
  runMain,
  scratchDatabase,
  scratchDir,
  serverEnv,
  startServer,
} from "./bench/harness.mjs";
import { deviceKey } from "./bench/dpop.mjs";
import { Connection, formatStatuses, health, inBatches, list, login, median, newClient, refresh, runLoad, stormPhase } from "./bench/load.mjs";

const number = (name, fallback, min = 1) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    console.error(`${name} must be a number ≥ ${min}; got "${raw}"`);
    process.exit(2);
  }
  return value;
};

const PORT = number("BENCH_PORT", 3311);
const SECONDS = number("BENCH_SECONDS", 5, 0.5);
const ROUNDS = Math.round(number("BENCH_ROUNDS", 3));
const CONNECTIONS = Math.round(number("BENCH_CONNECTIONS", 20));
const LOGIN_CONNECTIONS = Math.round(number("BENCH_LOGIN_CONNECTIONS", 8));
const FLOOD = Math.round(number("BENCH_FLOOD", 8));
const STORM_CLIENTS = Math.round(number("BENCH_STORM_CLIENTS", 4));
const PROCESSES = Math.round(number("BENCH_PROCESSES", Math.max(2, os.availableParallelism()), 2));
const MEMORY_SECONDS = number("BENCH_MEMORY_SECONDS", 60, 2);
// RSS is taken around 10 s into the load (half-way through a run shorter than 10 s) and at its end.
const MEMORY_FIRST_SAMPLE = MEMORY_SECONDS > 10 ? 10 : MEMORY_SECONDS / 2;
const WARMUP_SECONDS = number("BENCH_WARMUP_SECONDS", 1, 0);
const TOKEN_REFRESH_AFTER_MS = 120_000; // access tokens live 300 s by default

const PASSWORD = `bench-${randomBytes(9).toString("base64url")}`;
const USERS = Math.max(CONNECTIONS, LOGIN_CONNECTIONS, FLOOD, STORM_CLIENTS);
const rotate = (items, by) => items.map((_, i) => items[(i + by) % items.length]);

await runMain(async () => {
  const dir = scratchDir();
  const database = await scratchDatabase(dir);
  const env = serverEnv(PORT, database.url);
  ensureBuild(env);
  migrateAndSeed(env, USERS, PASSWORD);

  // One client per connection, each its own user: its own login, cookie chain and token.
  // They live in the database, so they carry over from one server start to the next.
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, async (_, i) => newClient(benchUsername(i), PASSWORD, process.env.BENCH_DPOP === "1" ? await deviceKey() : null)));
  const loginUsers = Array.from({ length: LOGIN_CONNECTIONS }, (_, i) => newClient(benchUsername(i), PASSWORD));
  const floodUsers = Array.from({ length: FLOOD }, (_, i) => newClient(benchUsername(i), PASSWORD));
  const stormClients = clients.slice(0, STORM_CLIENTS);
  const workersPerProcess = passwordWorkersPerProcess(env);
  const calibrationHash = bcrypt.hashSync(PASSWORD, 12);

  /** Starts a server with `processes` processes, logs everybody in once, warms it up, runs `fn`, stops it. */
  async function withServer(processes, label, fn) {
    log(`starting the server (${label}, WEB_CONCURRENCY=${processes}) ...`);
    const server = await startServer(env, { processes, logDir: dir });
    const conns = clients.map(() => new Connection(server.origin));
    try {
      if (!clients[0].cookie) {
        log(`logging in ${clients.length} bench users ...`);
        await inBatches(clients, 4, async (client, i) => {
          const response = await login(conns[i], client);
          if (response.status !== 200) throw new Error(`login of ${client.username} answered ${response.status}: ${response.body}`);
        });
        const response = await list(conns[0], clients[0]);
        const rows = response.status === 200 ? JSON.parse(response.body) : null;
        if (!Array.isArray(rows) || rows.length !== 20) throw new Error(`the invoice list answered ${response.status} with ${rows?.length ?? "no"} rows, not 20: ${response.body.slice(0, 200)}`);
      }
      if (WARMUP_SECONDS > 0) {
        log(`warming up (${WARMUP_SECONDS} s per path)`);
        for (const path of ["floor", "refresh", "list"]) await measure(path, conns, WARMUP_SECONDS);
      }
      return await fn(server, conns);
    } finally {
      for (const conn of conns) conn.close();
      await server.stop();
    }
  }

  /** Access tokens older than two minutes are renewed through their own cookie chain. */
  async function freshTokens(conns) {
    await Promise.all(
      clients.map(async (client, i) => {
        if (!client.broken && Date.now() - client.tokenAt < TOKEN_REFRESH_AFTER_MS) return;
        const response = await refresh(conns[i], client);
        if (response.status !== 200) throw new Error(`refreshing ${client.username}'s token answered ${response.status}`);
      }),
    );
  }

  const pairs = (conns) => conns.map((conn, i) => ({ conn, client: clients[i] }));
  /** A phase that overruns by minutes is a fault of the run, not a figure: stop with a message. */
  async function measure(path, conns, seconds = SECONDS) {
    let timer;
    const limit = seconds + 180;
    const overrun = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`the ${path} phase did not end within ${limit} s`)), limit * 1000)));
    try {
      return await Promise.race([measurePath(path, conns, seconds), overrun]);
    } finally {
      clearTimeout(timer);
    }
  }
  async function measurePath(path, conns, seconds) {
    switch (path) {
      case "floor":
        return runLoad(pairs(conns), seconds, ({ conn }) => health(conn));
      case "refresh":
        return runLoad(pairs(conns), seconds, ({ conn, client }) => refresh(conn, client));
      case "list":
        await freshTokens(conns);
        return runLoad(pairs(conns), seconds, ({ conn, client }) => list(conn, client));
      case "login": {
        const loginConns = loginUsers.map(() => new Connection(conns[0].origin));
        try {
          return await runLoad(
            loginUsers.map((user, i) => ({ user, conn: loginConns[i] })),
            seconds,
            ({ user, conn }) => login(conn, user),
          );
        } finally {
          for (const conn of loginConns) conn.close();
        }
      }
    }
    throw new Error(`unknown path ${path}`);
  }

  /** ms per bcrypt compare at cost 12 (bcryptjs, as the server's password workers use), in this process. */
  function hashSamples(count) {
    const samples = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      bcrypt.compareSync(PASSWORD, calibrationHash);
      samples.push(performance.now() - started);
    }
    return samples;
  }

  const paths = { floor: [], refresh: [], list: [], login: [] };
  const ceilings = [];
  const storm = { idle: [], flood: [] };
  const scaling = { 1: { floor: [], refresh: [], list: [] }, [PROCESSES]: { floor: [], refresh: [], list: [] } };
  const processesSeen = { 1: 0, [PROCESSES]: 0 };
  let memory;

  // 1. Paths and storm, one process. Each round runs the paths in a rotated order.
  await withServer(1, "paths", async (server, conns) => {
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of rotate(Object.keys(paths), round)) {
        log(`round ${round + 1}/${ROUNDS}: ${path} (${SECONDS} s)`);
        if (path !== "login") {
          paths[path][round] = await measure(path, conns);
          continue;
        }
        // Timed just before and just after the login load (the server idle both times), so
        // the ceiling sees the same noisy machine as the logins it is compared with.
        const before = hashSamples(3);
        paths.login[round] = await measure("login", conns);
        const ms = median([...before, ...hashSamples(3)]);
        ceilings[round] = { ms, ceiling: (workersPerProcess * 1000) / ms };
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const phase of round % 2 ? ["flood", "idle"] : ["idle", "flood"]) {
        log(`storm round ${round + 1}/${ROUNDS}: ${phase === "idle" ? "refresh only" : `refresh + ${FLOOD} login connections`} (${SECONDS} s)`);
        storm[phase][round] = await stormPhase(server.origin, stormClients, phase === "idle" ? [] : floodUsers, SECONDS);
      }
    }
  });

  // 2. 1 vs N processes: a fresh server per measurement, the order alternating between rounds.
  for (let round = 0; round < ROUNDS; round++) {
    for (const processes of round % 2 ? [PROCESSES, 1] : [1, PROCESSES]) {
      await withServer(processes, `processes round ${round + 1}/${ROUNDS}`, async (server, conns) => {
        processesSeen[processes] = Math.max(processesSeen[processes], server.processCount());
        for (const path of rotate(["floor", "refresh", "list"], round)) {
          log(`processes round ${round + 1}/${ROUNDS}: ${processes} × ${path} (${SECONDS} s)`);
          scaling[processes][path][round] = await measure(path, conns);
        }
      });
    }
  }

  // 3. Memory: refresh load on one fresh process; RSS of its whole tree early and at the end.
  // RSS is jagged (each major GC gives memory back), so each point is the median of the
  // one-second samples within 2 s of it, not one reading that may land just after a GC.
  await withServer(1, "memory", async (server, conns) => {
    log(`memory: refresh load for ${MEMORY_SECONDS} s, RSS around ${MEMORY_FIRST_SAMPLE} s and at the end`);
    const started = performance.now();
    const samples = [];
    const sampler = setInterval(() => samples.push({ s: (performance.now() - started) / 1000, rss: server.rssMiB() }), 1000);
    const around = (at) => median(samples.filter(({ s }) => Math.abs(s - at) <= 2).map(({ rss }) => rss));
    try {
      const load = await measure("refresh", conns, MEMORY_SECONDS);
      samples.push({ s: (performance.now() - started) / 1000, rss: server.rssMiB() });
      const peak = Math.max(...samples.map(({ rss }) => rss));
      memory = { load, early: around(MEMORY_FIRST_SAMPLE), end: around(samples.at(-1).s), peak };
    } finally {
      clearInterval(sampler);
    }
  });

  printTable({ database, paths, ceilings, storm, scaling, processesSeen, memory, workersPerProcess });
});

// ---- the table -----------------------------------------------------------------------------

function printTable({ database, paths, ceilings, storm, scaling, processesSeen, memory, workersPerProcess }) {
  const rps = (v) => (!Number.isFinite(v) ? "–" : v >= 100 ? v.toFixed(0) : v.toFixed(1));
  const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : "–");
  const ratio = (v) => (Number.isFinite(v) ? v.toFixed(2) : "–");
  const pct = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : "–");
  const med = (runs, key) => median(runs.map((r) => r[key]));
  const perRound = (a, b, f) => median(a.map((x, i) => f(x, b[i])));
  const statuses = (runs) => {
    const all = {};
    for (const run of runs) for (const [k, v] of Object.entries(run.statuses ?? run)) all[k] = (all[k] ?? 0) + v;
    return formatStatuses(all);
  };
  const onlyOk = (runs) => {
    const text = statuses(runs);
    return /^2\d\d: \d+$/.test(text) ? "" : `statuses: ${text}`;
  };

  const rows = [];
  const row = (name, runs, ratioText, goal, notes = "") =>
    rows.push([name, rps(med(runs, "rps")), ms(med(runs, "p50")), ms(med(runs, "p99")), ratioText, goal, notes]);

  const floor = paths.floor;
  row(`floor: GET /api/health, ${CONNECTIONS} conns`, floor, "–", "–", onlyOk(floor));
  row(`refresh: POST /api/auth/refresh-token, ${CONNECTIONS} conns${process.env.BENCH_DPOP === "1" ? ", bound (DPoP)" : ""}`, paths.refresh, `refresh/floor ${ratio(perRound(paths.refresh, floor, (a, b) => a.rps / b.rps))}`, "≥ 0.5", onlyOk(paths.refresh));
  row(`list: GET /api/invoices (20 rows, bearer), ${CONNECTIONS} conns`, paths.list, `list/floor ${ratio(perRound(paths.list, floor, (a, b) => a.rps / b.rps))}`, "≥ 0.7", onlyOk(paths.list));
  const hashMs = median(ceilings.map((c) => c.ms));
  row(
    `login: POST /api/auth/token, ${LOGIN_CONNECTIONS} conns (${LOGIN_CONNECTIONS} users)`,
    paths.login,
    `login/ceiling ${ratio(perRound(paths.login, ceilings, (a, c) => a.rps / c.ceiling))}`,
    "≥ 0.8",
    `ceiling ${workersPerProcess} password worker(s) × 1000 / ${hashMs.toFixed(0)} ms per cost-12 compare (timed here around each login phase) = ${rps(median(ceilings.map((c) => c.ceiling)))}/s; statuses: ${statuses(paths.login)}`,
  );
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
    rows.push([
      `processes: ${path}, 1 vs ${PROCESSES}`,
      `${rps(med(one, "rps"))} → ${rps(med(many, "rps"))}`,
      `${ms(med(one, "p50"))} → ${ms(med(many, "p50"))}`,
      `${ms(med(one, "p99"))} → ${ms(med(many, "p99"))}`,
      `${PROCESSES}/1 ${ratio(perRound(many, one, (a, b) => a.rps / b.rps))}`,
      `≥ 1.6 (${PROCESSES} cores)`,
      [`processes seen: ${processesSeen[1]} / ${processesSeen[PROCESSES]}`, onlyOk([...one, ...many])].filter(Boolean).join("; "),
    ]);
  }
  const change = memory.end / memory.early - 1;
  rows.push([
    `memory: refresh load ${MEMORY_SECONDS} s, ${CONNECTIONS} conns, 1 process`,
    rps(memory.load.rps),
    ms(memory.load.p50),
    ms(memory.load.p99),
    `RSS ${memory.early.toFixed(0)} MiB around ${MEMORY_FIRST_SAMPLE} s → ${memory.end.toFixed(0)} MiB at ${MEMORY_SECONDS} s (medians of the samples within 2 s): ${change >= 0 ? "+" : ""}${(100 * change).toFixed(1)} %`,
    "within 10 %",
    [`peak ${memory.peak.toFixed(0)} MiB (server and its child processes)`, onlyOk([memory.load])].filter(Boolean).join("; "),
  ]);

  const header = ["", "req/s", "p50 ms", "p99 ms", "ratio", "goal", "notes"];
  const line = (cells) => `| ${cells.map((c) => String(c).replaceAll("|", "\\|")).join(" | ")} |`;
  const out = [
    machineLine(database.label),
    `${ROUNDS} round(s) of ${SECONDS} s per path${ROUNDS < 3 ? " (fewer than the 3 the figures call for)" : ""}, paths rotated between rounds; figures are medians over the rounds, ratios the median of the per-round ratios.`,
    "",
    line(header),
    line(header.map(() => "---")),
    ...rows.map(line),
  ];
  console.log(out.join("\n"));
}
