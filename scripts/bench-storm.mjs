// npm run bench:storm — refresh latency and delivery with and without a concurrent login flood.
// Prints figures; asserts nothing. Builds once if there is no production build. The same
// phases make the storm rows of `npm run bench` (scripts/bench/load.mjs, stormPhase).
// BENCH_SECONDS per phase (10), BENCH_REFRESH_CLIENTS (4), BENCH_FLOOD (8), BENCH_PORT (3211),
// BENCH_DATABASE_URL=postgres://… for a scratch PostgreSQL database instead of SQLite.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { benchUsername, ensureBuild, log, migrateAndSeed, runMain, scratchDatabase, scratchDir, serverEnv } from "./bench/harness.mjs";
import { startServer } from "./bench/processes.mjs";
import { Connection, formatStatuses, inBatches, login, newClient, STORM_REFRESH_TIMEOUT_MS, stormPhase } from "./bench/load.mjs";

const PORT = Number(process.env.BENCH_PORT || 3211);
const SECONDS = Number(process.env.BENCH_SECONDS || 10);
const REFRESH_CLIENTS = Number(process.env.BENCH_REFRESH_CLIENTS || 4);
const FLOOD_CONNECTIONS = Number(process.env.BENCH_FLOOD || 8);
const PASSWORD = `bench-${randomBytes(9).toString("base64url")}`;

await runMain(async () => {
  const dir = scratchDir();
  const database = await scratchDatabase(dir);
  const env = serverEnv(PORT, database.url);
  ensureBuild(env);
  migrateAndSeed(env, Math.max(REFRESH_CLIENTS, FLOOD_CONNECTIONS), PASSWORD);
  const server = await startServer(env, { processes: 1, logDir: dir });

  // Refresh clients and flood connections each log in as their own user: the throttle counts
  // attempts per user and address, and would otherwise slow a one-user flood down.
  const clients = Array.from({ length: REFRESH_CLIENTS }, (_, i) => newClient(benchUsername(i), PASSWORD));
  const floodUsers = Array.from({ length: FLOOD_CONNECTIONS }, (_, i) => newClient(benchUsername(i), PASSWORD));
  const conn = new Connection(server.origin);
  await inBatches(clients, 1, async (client) => {
    const response = await login(conn, client);
    if (response.status !== 200) throw new Error(`login of ${client.username} answered ${response.status}`);
  });
  conn.close();

  const row = (phase, result) => ({
    phase,
    "refresh p50 ms": result.p50.toFixed(1),
    "refresh p99 ms": result.p99.toFixed(1),
    "refreshes/s": result.rps.toFixed(1),
    delivered: `${(100 * result.delivered).toFixed(1)}%`,
    "logins (status: count)": formatStatuses(result.floodStatuses),
  });
  console.log(`${os.availableParallelism()} cores; ${database.label}; ${REFRESH_CLIENTS} refresh clients, ${SECONDS} s per phase, refresh timeout ${STORM_REFRESH_TIMEOUT_MS} ms`);
  log(`refresh only (${SECONDS} s)`);
  const quiet = await stormPhase(server.origin, clients, [], SECONDS);
  log(`refresh + ${FLOOD_CONNECTIONS} login connections (${SECONDS} s)`);
  const stormy = await stormPhase(server.origin, clients, floodUsers, SECONDS);
  console.table([row("refresh only", quiet), row(`+ ${FLOOD_CONNECTIONS} login connections`, stormy)]);
});
