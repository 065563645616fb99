// One measured phase of `npm run bench`: a path under closed-loop load for some seconds on a
// running server, with the CPU its server (and, on PostgreSQL, the bench database's backends)
// spent during the load only, per answered request. Preparation (fresh tokens, pre-made
// proofs) happens before the first CPU snapshot.
import { cpuSpent } from "./cpu.mjs";
import { Connection, health, list, login, refresh, runLoad } from "./load.mjs";
import { TOKEN_REFRESH_AFTER_MS } from "./settings.mjs";

/** Requests the server answered with any HTTP status (timeouts and socket errors are not). */
const answered = (statuses) => Object.entries(statuses).reduce((sum, [key, count]) => sum + (/^\d+$/.test(key) ? count : 0), 0);

/**
 * @param clients one per connection: each its own user, cookie chain and access token
 * @param loginUsers the users of the login phase, one connection each
 * @param databaseCpu null, or the PostgreSQL backends' CPU (cpu.mjs postgresCpu)
 * @param extra more paths: name → async (ctx, seconds, load) => result, see `load` below
 */
export function phaseRunner({ clients, loginUsers, databaseCpu, extra = {} }) {
  /** runLoad with the CPU of the load alone: cpuMs and dbCpuMs per answered request. */
  async function load(server, workers, seconds, step) {
    const db0 = databaseCpu ? await databaseCpu.take() : null;
    const cpu0 = server.cpuSnapshot();
    const result = await runLoad(workers, seconds, step);
    const cpu1 = server.cpuSnapshot();
    const db1 = databaseCpu ? await databaseCpu.take() : null;
    const count = answered(result.statuses);
    return {
      ...result,
      answered: count,
      cpuMs: count ? cpuSpent(cpu0, cpu1) / count : NaN,
      dbCpuMs: db0 && db1 && count ? cpuSpent(db0, db1) / count : NaN,
    };
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
  const paths = {
    floor: ({ server, conns }, seconds) => load(server, pairs(conns), seconds, ({ conn }) => health(conn)),
    refresh: ({ server, conns }, seconds) => load(server, pairs(conns), seconds, ({ conn, client }) => refresh(conn, client)),
    list: async ({ server, conns }, seconds) => {
      await freshTokens(conns);
      return load(server, pairs(conns), seconds, ({ conn, client }) => list(conn, client));
    },
    login: async ({ server }, seconds) => {
      const loginConns = loginUsers.map(() => new Connection(server.origin));
      try {
        return await load(server, loginUsers.map((user, i) => ({ user, conn: loginConns[i] })), seconds, ({ user, conn }) => login(conn, user));
      } finally {
        for (const conn of loginConns) conn.close();
      }
    },
    ...extra,
  };

  /** A phase that overruns by minutes is a fault of the run, not a figure: stop with a message. */
  return async function measure(path, ctx, seconds) {
    const run = paths[path];
    if (!run) throw new Error(`unknown path ${path}`);
    let timer;
    const limit = seconds + 180;
    const overrun = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`the ${path} phase did not end within ${limit} s`)), limit * 1000)));
    try {
      return await Promise.race([run(ctx, seconds, (workers, step) => load(ctx.server, workers, seconds, step)), overrun]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The server's own CPU with no requests (timers, polls, GC), ms per second over `seconds`. */
export async function idleCpuMsPerSecond(server, seconds = 1) {
  const before = server.cpuSnapshot();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  return cpuSpent(before, server.cpuSnapshot()) / seconds;
}
