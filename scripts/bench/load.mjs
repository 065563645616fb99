// Load generation for the benchmarks: closed-loop keep-alive connections over node:http.
// Each Connection is one socket (an agent with maxSockets 1), so a refresh connection can
// follow its own cookie chain: every answer's Set-Cookie feeds that connection's next request.
import http from "node:http";

export class Connection {
  /** @param {string} origin e.g. http://localhost:3311 (APP_ORIGIN; we dial 127.0.0.1 on its port) */
  constructor(origin) {
    const url = new URL(origin);
    this.origin = origin;
    this.port = Number(url.port);
    this.hostHeader = url.host;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  /** One request; resolves with status, headers, body text and milliseconds. Never rejects for HTTP statuses. */
  request({ method = "GET", path, headers = {}, body, timeoutMs = 30_000 }) {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const payload = body === undefined ? undefined : Buffer.from(body);
      const req = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: { host: this.hostHeader, ...headers, ...(payload && { "content-length": payload.length }) },
        },
        (res) => {
          const chunks = [];
          res.on("data", (chunk) => chunks.push(chunk));
          res.on("end", () => {
            clearTimeout(timer);
            resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started });
          });
          res.on("error", fail);
        },
      );
      // The promise settles at the deadline whatever the request does: a request still
      // waiting for the agent's socket would not report its own destruction. The agent is
      // replaced, so the next request of this connection starts on a new socket.
      const timer = setTimeout(() => {
        const error = new Error(`timed out after ${timeoutMs} ms`);
        req.destroy(error);
        this.agent.destroy();
        this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        reject(error);
      }, timeoutMs);
      function fail(error) {
        clearTimeout(timer);
        reject(error);
      }
      req.on("error", fail);
      req.end(payload);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function median(values) {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!finite.length) return NaN;
  const mid = Math.floor(finite.length / 2);
  return finite.length % 2 ? finite[mid] : (finite[mid - 1] + finite[mid]) / 2;
}

/**
 * Runs `step(worker)` in a closed loop on every worker until `seconds` have passed.
 * A step resolves with the response (or throws); only 2xx answers count as throughput and
 * latency samples, every status is tallied. Returns req/s over the real elapsed time.
 */
export async function runLoad(workers, seconds, step) {
  const latencies = [];
  const statuses = {};
  let ok = 0;
  let sent = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    workers.map(async (worker) => {
      while (performance.now() < until) {
        sent++;
        try {
          const response = await step(worker);
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          if (response.status >= 200 && response.status < 300) {
            ok++;
            latencies.push(response.ms);
          }
        } catch (error) {
          const key = /timed out/.test(String(error?.message)) ? "timeout" : "error";
          statuses[key] = (statuses[key] ?? 0) + 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ok,
    sent,
    statuses,
    rps: ok / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    delivered: sent ? ok / sent : NaN,
  };
}

/** "200: 812, 429: 3" */
export const formatStatuses = (statuses) =>
  Object.entries(statuses)
    .map(([status, count]) => `${status}: ${count}`)
    .join(", ") || "-";

// ---- the app's auth flows -------------------------------------------------------------

const firstCookie = (headers) => headers["set-cookie"]?.[0]?.split(";")[0];

/**
 * A benchmark client: one user's login, its refresh cookie chain and its latest access token.
 * It outlives server restarts (same database and JWT_SECRET), its Connection does not.
 */
export function newClient(username, password) {
  return { username, password, cookie: null, token: null, tokenAt: 0, broken: false };
}

export function takeSession(client, response) {
  const cookie = firstCookie(response.headers);
  if (cookie) client.cookie = cookie;
  const body = JSON.parse(response.body);
  client.token = body.access_token;
  client.tokenAt = Date.now();
}

export async function login(conn, client, timeoutMs = 60_000) {
  const response = await conn.request({
    method: "POST",
    path: "/api/auth/token",
    headers: { "content-type": "application/json", origin: conn.origin },
    body: JSON.stringify({ username: client.username, password: client.password }),
    timeoutMs,
  });
  if (response.status === 200) takeSession(client, response);
  return response;
}

/**
 * One rotation of the client's own chain; a 200 moves the client on to the successor. A 401
 * means the chain is gone (say a request abandoned after its timeout reached the server after
 * the grace window, which the app rightly takes for a stolen copy and revokes the family): the
 * 401 is counted, and the next call logs the client in again first instead of hammering on.
 */
export async function refresh(conn, client, timeoutMs = 15_000) {
  if (client.broken) await relogin(conn, client);
  const response = await conn.request({
    method: "POST",
    path: "/api/auth/refresh-token",
    headers: { origin: conn.origin, cookie: client.cookie },
    timeoutMs,
  });
  if (response.status === 200) takeSession(client, response);
  if (response.status === 401) client.broken = true;
  return response;
}

async function relogin(conn, client) {
  const response = await login(conn, client, 60_000);
  if (response.status !== 200) throw new Error(`re-login of ${client.username} answered ${response.status}`);
  client.broken = false;
}

export const LIST_PATH = `/api/invoices?sort=${encodeURIComponent('["id","ASC"]')}&range=${encodeURIComponent("[0,19]")}&filter=${encodeURIComponent("{}")}`;

export async function list(conn, client) {
  if (client.broken) await relogin(conn, client);
  const response = await conn.request({ path: LIST_PATH, headers: { authorization: `Bearer ${client.token}` }, timeoutMs: 15_000 });
  if (response.status === 401) client.broken = true;
  return response;
}

export const health = (conn) => conn.request({ path: "/api/health", timeoutMs: 15_000 });

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function inBatches(items, limit, fn) {
  const queue = [...items.entries()];
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await fn(next[1], next[0]);
    }),
  );
}

// ---- the login storm (npm run bench:storm and the storm rows of npm run bench) ---------

export const STORM_REFRESH_TIMEOUT_MS = 2000;

/**
 * Refresh latency and delivery, with `floodUsers.length` login connections hammering the
 * password path at the same time (none: the idle baseline). Refreshes time out after 2 s and
 * count as not delivered; delivered = 2xx refreshes / refreshes sent. Each flood connection
 * logs in as its own user so the throttle (per user and address) never slows the flood down.
 */
export async function stormPhase(origin, refreshClients, floodUsers, seconds) {
  const refreshConns = refreshClients.map(() => new Connection(origin));
  const floodConns = floodUsers.map(() => new Connection(origin));
  const flood = { statuses: {} };
  const until = performance.now() + seconds * 1000;
  try {
    const [refreshes] = await Promise.all([
      runLoad(
        refreshClients.map((client, i) => ({ client, conn: refreshConns[i] })),
        seconds,
        ({ client, conn }) => refresh(conn, client, STORM_REFRESH_TIMEOUT_MS),
      ),
      ...floodUsers.map(async (user, i) => {
        while (performance.now() < until) {
          try {
            const { status } = await login(floodConns[i], { ...user }, 30_000);
            flood.statuses[status] = (flood.statuses[status] ?? 0) + 1;
          } catch {
            flood.statuses.error = (flood.statuses.error ?? 0) + 1;
          }
        }
      }),
    ]);
    return { ...refreshes, floodStatuses: flood.statuses };
  } finally {
    for (const conn of [...refreshConns, ...floodConns]) conn.close();
  }
}
