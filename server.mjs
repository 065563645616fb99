// Gatehouse's HTTP server: Next.js behind a thin layer that records the caller's address.
// Next itself trusts any client-sent X-Forwarded-For, which would let an attacker pick the
// address that login throttling counts against, so the address is taken from the socket
// here (or from exactly TRUSTED_PROXY_HOPS trusted proxies) and passed on in a header that
// no client can set. The same layer logs each request.
// Plain JavaScript: it runs before Next loads the TypeScript app.
import { createServer } from "node:http";
import next from "next";
import { createLogger, LOG_LEVELS } from "./lib/log/logger.mjs";
import { logRequest } from "./lib/log/request-log.mjs";

const CLIENT_IP_HEADER = "x-gatehouse-client-ip";

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

const dev = process.argv.includes("--dev");
const port = setting("PORT", 3000, isPort);
const trustedHops = setting("TRUSTED_PROXY_HOPS", 0, isHops);
const logLevel = choice("LOG_LEVEL", "info", LOG_LEVELS);
const host = process.env.BIND_HOST || "0.0.0.0";
const publicHost = host === "0.0.0.0" ? "localhost" : host;

const logger = createLogger({ level: logLevel, pretty: dev });

/** The socket's peer, or the address the nearest trusted proxy saw. */
function clientAddress(req) {
  const chain = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  chain.push(req.socket.remoteAddress ?? "unknown");
  return chain[Math.max(0, chain.length - 1 - trustedHops)];
}

globalThis.__gatehouseClientIpHeader = CLIENT_IP_HEADER;
const app = next({ dev, hostname: publicHost, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const ip = clientAddress(req);
  req.headers[CLIENT_IP_HEADER] = ip;
  logRequest(logger, req, res, ip);
  handle(req, res);
});

server.on("error", (err) => {
  logger.fatal({ err }, "server error");
  process.exit(1);
});
server.listen(port, host, () => {
  logger.info({ port, host, dev }, `Gatehouse ${dev ? "(development) " : ""}listening on http://${publicHost}:${port}`);
});
