// Gatehouse's HTTP server: Next.js behind a thin layer that records the caller's address.
// Next itself trusts any client-sent X-Forwarded-For, which would let an attacker pick the
// address that login throttling counts against, so the address is taken from the socket
// here (or from exactly TRUSTED_PROXY_HOPS trusted proxies) and passed on in a header that
// no client can set. The same layer logs each request and drains connections on SIGTERM.
// With WEB_CONCURRENCY above 1 this process becomes the primary of that many copies.
// Plain JavaScript: it runs before Next loads the TypeScript app.
import cluster from "node:cluster";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import baseHeaders from "./lib/http/base-headers.cjs";
import { apiGate, scanApiRoutes } from "./lib/http/api-routes.mjs";
import { CLIENT_IP_HEADER, markClientAddress } from "./lib/http/client-address.mjs";
import { originFormTarget } from "./lib/http/request-target.mjs";
import { createLogger, LOG_LEVELS } from "./lib/log/logger.mjs";
import { logRequest, pathOf } from "./lib/log/request-log.mjs";
import { reportReady, runPrimary, webConcurrency } from "./lib/process/cluster.mjs";
import { gracefulShutdown } from "./lib/process/shutdown.mjs";
import { startupPassed } from "./lib/process/startup-gate.mjs";


function setting(name, fallback, valid) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!valid(value)) {
    console.error(`${name} must be ${valid.description}; got "${raw}"`);
    process.exit(1);
  }
  return value;
}
function choice(name, fallback, allowed) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = raw.trim().toLowerCase();
  if (!allowed.includes(value)) {
    console.error(`${name} must be one of ${allowed.join(", ")}; got "${raw}"`);
    process.exit(1);
  }
  return value;
}
const isPort = Object.assign((v) => Number.isInteger(v) && v > 0 && v < 65536, { description: "a port number" });
const isHops = Object.assign((v) => Number.isInteger(v) && v >= 0 && v <= 10, { description: "a whole number from 0 to 10" });
const isSeconds = Object.assign((v) => Number.isFinite(v) && v >= 0 && v <= 600, { description: "a number of seconds from 0 to 600" });

const dev = process.argv.includes("--dev");
const port = setting("PORT", 3000, isPort);
const trustedHops = setting("TRUSTED_PROXY_HOPS", 0, isHops);
const shutdownTimeoutMs = setting("SHUTDOWN_TIMEOUT_SECONDS", 10, isSeconds) * 1000;
const logLevel = choice("LOG_LEVEL", "info", LOG_LEVELS);
const host = process.env.BIND_HOST || "0.0.0.0";
const publicHost = host === "0.0.0.0" ? "localhost" : host;

const processes = webConcurrency(process.env.WEB_CONCURRENCY);
if (processes === null) {
  console.error(`WEB_CONCURRENCY must be a whole number from 1 to 64, or auto (one per core); got "${process.env.WEB_CONCURRENCY}"`);
  process.exit(1);
}
const clustered = !dev && processes > 1;

const logger = createLogger({ level: logLevel, pretty: dev });
const listeningMessage = `Gatehouse ${dev ? "(development) " : ""}listening on http://${publicHost}:${port}`;

if (clustered && cluster.isPrimary) {
  runPrimary({
    size: processes,
    logger,
    shutdownTimeoutMs,
    onListening: () => logger.info({ port, host, processes }, `${listeningMessage} with ${processes} processes`),
  });
} else {
  await serve();
}

async function serve() {
  // Also set by next.config.js; here it holds before Next starts anything.
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  globalThis.__gatehouseClientIpHeader = CLIENT_IP_HEADER;
  const app = next({ dev, hostname: publicHost, port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Settings and the database are checked before anyone is told the server listens.
  if (!dev) await startupPassed();

  const apiRoutes = scanApiRoutes(path.join(process.cwd(), "app"));
  const securityHeaders = baseHeaders.baseSecurityHeaders(!dev);

  /** An error answered before Next, in the API's JSON shape and with the usual headers. */
  function answer(res, status, body, headers = {}) {
    res.writeHead(status, { ...securityHeaders, "Content-Type": "application/json", "Cache-Control": "no-store", ...headers });
    res.end(JSON.stringify(body));
  }

  const server = createServer((req, res) => {
    const ip = markClientAddress(req, trustedHops);
    logRequest(logger, req, res, ip);
    const target = originFormTarget(req.url ?? "", req.headers.host);
    if (target === null) return answer(res, 400, { detail: "The request target must be a path on this host.", code: "BAD_REQUEST_TARGET" });
    req.url = target;
    const refusal = apiGate(apiRoutes, req.method ?? "", pathOf(target));
    if (refusal) return answer(res, refusal.status, refusal.body, refusal.headers);
    handle(req, res);
  });
  const shutDown = gracefulShutdown(server, logger);

  server.on("error", (err) => {
    logger.fatal({ err }, "server error");
    process.exit(1);
  });
  server.listen(port, host, () => {
    if (cluster.isWorker) {
      logger.debug({ port, host }, "server process listening");
      reportReady();
    } else logger.info({ port, host, dev }, listeningMessage);
  });

  let stopping = false;
  async function onSignal(signal) {
    if (stopping) {
      // The drain is bounded by SHUTDOWN_TIMEOUT_SECONDS, so waiting on is always safe.
      logger.info({ signal }, "already shutting down");
      return;
    }
    stopping = true;
    logger.info({ signal }, "signal received");
    // Last resort should a socket escape the drain: the drain and the app hook each get at
    // most max(timeout, 1 s), so this never cuts a shutdown that is still on schedule.
    setTimeout(() => {
      logger.error("shutdown overran its deadline; exiting anyway");
      process.exit(1);
    }, 2 * Math.max(shutdownTimeoutMs, 1000) + 5000).unref();
    // Looked up now, not at start: the app registers its clean-up (database, password
    // workers) once it has loaded.
    await shutDown({ timeoutMs: shutdownTimeoutMs, onClosed: () => globalThis.__gatehouseShutdown?.() });
    logger.info("shut down");
    process.exit(0);
  }
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
