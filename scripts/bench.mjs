// npm run bench — the performance figures in Markdown tables: floor, refresh, list and login
// req/s with p50/p99, the server's CPU per request and their ratios; the TOTP, passkey and
// re-authentication flows; refresh under a login storm; CPU per request at 1 vs N processes;
// memory; the writer's ceiling (the rotation write alone, scripts/bench/writer-ceiling.ts) and
// the refresh throughput projected from these for more cores (docs/performance.md). Production build, scratch database
// (SQLite temp file; BENCH_DATABASE_URL=postgres://… for a scratch PostgreSQL database on that
// server). Prints figures only and asserts nothing: exit 0 unless the set-up fails. Progress
// goes to stderr, the tables to stdout.
//
// Settings (env): BENCH_SECONDS per phase (5), BENCH_ROUNDS (3), BENCH_CONNECTIONS (20),
// BENCH_LOGIN_CONNECTIONS (8), BENCH_FLOOD (8), BENCH_STORM_CLIENTS (4), BENCH_PROCESSES
// (cores, at least 2), BENCH_MEMORY_SECONDS (60), BENCH_MEMORY_WARMUP_REFRESHES (20000), BENCH_WARMUP_SECONDS (1), BENCH_PORT (3311),
// BENCH_BUILD=1 to rebuild, BENCH_DATABASE_URL. PASSWORD_WORKERS and the like pass through.
import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";
import { benchUsername, ensureBuild, log, migrateAndSeed, onCleanup, passwordWorkersPerProcess, runMain, scratchDatabase, scratchDir, serverEnv } from "./bench/harness.mjs";
import { postgresCpu } from "./bench/cpu.mjs";
import { flowUsers, passkeyPhase, reauthPhase, totpRound } from "./bench/flows.mjs";
import { flowRows } from "./bench/flow-rows.mjs";
import { boundLogin, boundRefresh, presign } from "./bench/dpop.mjs";
import { Connection, inBatches, list, login, median, newClient, stormPhase } from "./bench/load.mjs";
import { idleCpuMsPerSecond, phaseRunner } from "./bench/phases.mjs";
import { startServer } from "./bench/processes.mjs";
import { CONNECTIONS, FLOOD, LOGIN_CONNECTIONS, MEMORY_SECONDS, MEMORY_WARMUP_REFRESHES, MEMORY_WARMUP_SECONDS, PORT, PROCESSES, ROUNDS, SECONDS, STORM_CLIENTS, WARMUP_SECONDS } from "./bench/settings.mjs";
import { projection } from "./bench/projection.mjs";
import { med, printTable } from "./bench/table.mjs";
import { writerCeiling, writerTable } from "./bench/writer.mjs";

const PASSWORD = `bench-${randomBytes(9).toString("base64url")}`;
const USERS = Math.max(CONNECTIONS, LOGIN_CONNECTIONS, FLOOD, STORM_CLIENTS);
const TOTP_WARMUP_USERS = 2;
const rotate = (items, by) => items.map((_, i) => items[(i + by) % items.length]);

await runMain(async () => {
  const dir = scratchDir();
  const database = await scratchDatabase(dir);
  const env = serverEnv(PORT, database.url);
  ensureBuild(env);
  const flowsOf = flowUsers({ origin: env.APP_ORIGIN, totpUsers: LOGIN_CONNECTIONS * ROUNDS + TOTP_WARMUP_USERS, passkeyUsers: LOGIN_CONNECTIONS });
  migrateAndSeed(env, USERS, PASSWORD, flowsOf.seedEnv);
  const databaseCpu = database.kind === "postgres" ? await postgresCpu(database.adminUrl, database.name) : null;
  if (databaseCpu) onCleanup(() => databaseCpu.close());
  if (databaseCpu && !databaseCpu.visible) log("the PostgreSQL server's processes are not visible here: its CPU is not reported");

  // One client per connection, each its own user: its own login, cookie chain and token.
  // They live in the database, so they carry over from one server start to the next.
  const clients = Array.from({ length: CONNECTIONS }, (_, i) => newClient(benchUsername(i), PASSWORD));
  const loginUsers = Array.from({ length: LOGIN_CONNECTIONS }, (_, i) => newClient(benchUsername(i), PASSWORD));
  const floodUsers = Array.from({ length: FLOOD }, (_, i) => newClient(benchUsername(i), PASSWORD));
  const stormClients = clients.slice(0, STORM_CLIENTS);
  // The same users again, each with a second login bound to a key of its own (DPoP).
  const boundClients = Array.from({ length: CONNECTIONS }, (_, i) => newClient(benchUsername(i), PASSWORD));
  /** Proofs per connection for a phase: half as many again as the fastest unbound refresh so far would use. */
  const proofsPerConnection = (seconds) => Math.ceil((1.5 * (paths.refresh.length ? Math.max(...paths.refresh.map((r) => r?.rps ?? 0)) : 1500) * seconds) / CONNECTIONS) + 10;
  const workersPerProcess = passwordWorkersPerProcess(env);
  const calibrationHash = bcrypt.hashSync(PASSWORD, 12);
  const visibleDbCpu = databaseCpu?.visible ? databaseCpu : null;
  const measure = phaseRunner({
    clients,
    loginUsers,
    databaseCpu: visibleDbCpu,
    extra: {
      "passkey options": ({ server }, _seconds, load) => passkeyPhase({ server, passkeys: flowsOf.passkeys, load, optionsOnly: true }),
      "passkey sign-in": ({ server }, _seconds, load) => passkeyPhase({ server, passkeys: flowsOf.passkeys, load }),
      reauthenticate: ({ server }, _seconds, load) => reauthPhase({ server, users: loginUsers, load }),
      "bound refresh": async ({ server, conns }, seconds, load) => {
        for (const client of boundClients) await presign(client, server.origin, proofsPerConnection(seconds));
        const result = await load(conns.map((conn, i) => ({ conn, client: boundClients[i] })), ({ conn, client }) => boundRefresh(conn, client));
        return { ...result, signedLate: boundClients.reduce((sum, c) => sum + c.signedLate, 0) };
      },
    },
  });

  /** Starts a server with `processes` processes, logs everybody in once, warms it up, runs `fn`, stops it. */
  async function withServer(processes, label, fn) {
    log(`starting the server (${label}, WEB_CONCURRENCY=${processes}) ...`);
    const server = await startServer(env, { processes, logDir: dir });
    const ctx = { server, conns: clients.map(() => new Connection(server.origin)) };
    try {
      if (!clients[0].cookie) {
        log(`logging in ${clients.length} bench users ...`);
        await inBatches(clients, 4, async (client, i) => {
          const response = await login(ctx.conns[i], client);
          if (response.status !== 200) throw new Error(`login of ${client.username} answered ${response.status}: ${response.body}`);
        });
        log(`signing in ${boundClients.length} bound (DPoP) logins ...`);
        await inBatches(boundClients, 4, (client, i) => boundLogin(ctx.conns[i], client));
        const response = await list(ctx.conns[0], clients[0]);
        const rows = response.status === 200 ? JSON.parse(response.body) : null;
        if (!Array.isArray(rows) || rows.length !== 20) throw new Error(`the invoice list answered ${response.status} with ${rows?.length ?? "no"} rows, not 20: ${response.body.slice(0, 200)}`);
      }
      if (WARMUP_SECONDS > 0) {
        log(`warming up (${WARMUP_SECONDS} s per path)`);
        for (const path of ["floor", "refresh", "list", "bound refresh"]) await measure(path, ctx, WARMUP_SECONDS);
      }
      return await fn(ctx);
    } finally {
      for (const conn of ctx.conns) conn.close();
      await server.stop();
    }
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

  const paths = { floor: [], refresh: [], list: [], login: [], "bound refresh": [] };
  const ceilings = [];
  const storm = { idle: [], flood: [] };
  const flows = { "totp password step": [], "totp second step": [], "passkey options": [], "passkey sign-in": [], reauthenticate: [] };
  const scaling = { 1: { floor: [], refresh: [], list: [] }, [PROCESSES]: { floor: [], refresh: [], list: [] } };
  const processesSeen = { 1: 0, [PROCESSES]: 0 };
  const idle = { 1: [], [PROCESSES]: [] };
  let memory;

  // 1. Paths and storm, one process. Each round runs the paths in a rotated order.
  await withServer(1, "paths", async (ctx) => {
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of rotate(Object.keys(paths), round)) {
        log(`round ${round + 1}/${ROUNDS}: ${path} (${SECONDS} s)`);
        if (path !== "login") {
          paths[path][round] = await measure(path, ctx, SECONDS);
          continue;
        }
        // Timed just before and just after the login load (the server idle both times), so
        // the ceiling sees the same noisy machine as the logins it is compared with.
        const before = hashSamples(3);
        paths.login[round] = await measure("login", ctx, SECONDS);
        const ms = median([...before, ...hashSamples(3)]);
        ceilings[round] = { ms, ceiling: (workersPerProcess * 1000) / ms };
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const phase of round % 2 ? ["flood", "idle"] : ["idle", "flood"]) {
        log(`storm round ${round + 1}/${ROUNDS}: ${phase === "idle" ? "refresh only" : `refresh + ${FLOOD} login connections`} (${SECONDS} s)`);
        storm[phase][round] = await stormPhase(ctx.server.origin, stormClients, phase === "idle" ? [] : floodUsers, SECONDS);
      }
    }
    // The new flows, warmed up first: a route's first requests load its code. A TOTP user's
    // code is spent once per 30 s step, so each round has its own users.
    log("flows: warming up");
    await totpRound({ server: ctx.server, databaseCpu: null, users: flowsOf.totp.slice(-TOTP_WARMUP_USERS), password: PASSWORD, perUser: 1 });
    for (const path of ["passkey sign-in", "reauthenticate"]) await measure(path, ctx, Math.max(WARMUP_SECONDS, 1));
    for (let round = 0; round < ROUNDS; round++) {
      log(`flows round ${round + 1}/${ROUNDS}: TOTP sign-ins (password step, then the code)`);
      const users = flowsOf.totp.slice(round * LOGIN_CONNECTIONS, (round + 1) * LOGIN_CONNECTIONS);
      const totp = await totpRound({ server: ctx.server, databaseCpu: visibleDbCpu, users, password: PASSWORD });
      flows["totp password step"][round] = totp.passwordStep;
      flows["totp second step"][round] = totp.secondStep;
      for (const path of rotate(["passkey options", "passkey sign-in", "reauthenticate"], round)) {
        log(`flows round ${round + 1}/${ROUNDS}: ${path} (${SECONDS} s)`);
        flows[path][round] = await measure(path, ctx, SECONDS);
      }
    }
  });

  // 2. 1 vs N processes: a fresh server per measurement, the order alternating between rounds.
  for (let round = 0; round < ROUNDS; round++) {
    for (const processes of round % 2 ? [PROCESSES, 1] : [1, PROCESSES]) {
      await withServer(processes, `processes round ${round + 1}/${ROUNDS}`, async (ctx) => {
        processesSeen[processes] = Math.max(processesSeen[processes], ctx.server.processCount());
        idle[processes][round] = await idleCpuMsPerSecond(ctx.server);
        for (const path of rotate(["floor", "refresh", "list"], round)) {
          log(`processes round ${round + 1}/${ROUNDS}: ${processes} × ${path} (${SECONDS} s)`);
          scaling[processes][path][round] = await measure(path, ctx, SECONDS);
        }
      });
    }
  }

  // 3. Memory: refresh load on one fresh process until it has warmed up (MEMORY_WARMUP_REFRESHES),
  // then a window of MEMORY_SECONDS more; RSS of its whole tree at the window's start and end.
  // RSS is jagged (each major GC gives memory back), so each point is the median of the
  // one-second samples within 2 s of it, not one reading that may land just after a GC.
  await withServer(1, "memory", async (ctx) => {
    const started = performance.now();
    const samples = [];
    const now = () => (performance.now() - started) / 1000;
    const sampler = setInterval(() => samples.push({ s: now(), rss: ctx.server.rssMiB() }), 1000);
    const around = (at) => median(samples.filter(({ s }) => Math.abs(s - at) <= 2).map(({ rss }) => rss));
    try {
      log(`memory: ${MEMORY_WARMUP_REFRESHES} refreshes of warm-up (${MEMORY_WARMUP_SECONDS.least}-${MEMORY_WARMUP_SECONDS.most} s), then ${MEMORY_SECONDS} s more`);
      const first = ctx.server.rssMiB();
      let warmup = 0;
      while (now() < MEMORY_WARMUP_SECONDS.least || (warmup < MEMORY_WARMUP_REFRESHES && now() < MEMORY_WARMUP_SECONDS.most)) {
        warmup += (await measure("refresh", ctx, 5)).ok;
      }
      const warmedAt = now();
      const load = await measure("refresh", ctx, MEMORY_SECONDS);
      samples.push({ s: now(), rss: ctx.server.rssMiB() });
      const peak = Math.max(...samples.map(({ rss }) => rss));
      memory = { load, first, warmup, warmedAt, early: around(warmedAt), end: around(samples.at(-1).s), peak };
    } finally {
      clearInterval(sampler);
    }
  });

  // 4. The writer's ceiling: the rotation write alone, in its own process, no server running.
  log("writer's ceiling: rotations through the login store, no HTTP ...");
  const writer = await writerCeiling(env);

  printTable({ database, paths, ceilings, storm, scaling, processesSeen, idle, memory, workersPerProcess, databaseCpu: Boolean(visibleDbCpu), extraRows: flowRows(flows, ceilings, workersPerProcess) });
  // More cores mean more processes, each committing its own groups: the ceiling is the most
  // rotations the most writer processes measured here got through together.
  const most = Math.max(...writer.map((r) => r.processes));
  const ceiling = Math.max(...writer.filter((r) => r.processes === most).map((r) => r.perSecond));
  const refreshCpuMs = med(paths.refresh, "cpuMs");
  const dbCpuMs = med(paths.refresh, "dbCpuMs");
  console.log(
    [
      "",
      writerTable(writer, database.label),
      "",
      `Projection (refresh, one process per core): cores × 1000 / ${refreshCpuMs.toFixed(2)} ms CPU per refresh${Number.isFinite(dbCpuMs) ? ` (+ ${dbCpuMs.toFixed(2)} ms of the database's)` : ""}, at most the writer's ceiling; the load generator elsewhere.`,
      "",
      projection({ refreshCpuMs, dbCpuMs, ceiling, sqlite: database.kind === "sqlite" }),
    ].join("\n"),
  );
});
