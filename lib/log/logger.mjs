// The one shape of Gatehouse's logs: JSON lines on stdout in production (what log shippers
// parse), pino-pretty in development (what people read). Plain JavaScript because server.mjs
// builds its logger before Next loads the TypeScript app; the app can import the same factory.
import pino from "pino";

export const LOG_LEVELS = Object.freeze(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

// Nothing logs these fields on purpose; redaction is the net for a careless call such as
// logger.info({ headers }) or logger.debug({ body }) added later.
const SECRET_PATHS = [
  "password", "*.password", "newPassword", "*.newPassword", "currentPassword", "*.currentPassword",
  "token", "*.token", "access_token", "*.access_token", "refresh_token", "*.refresh_token",
  "authorization", "*.authorization", "cookie", "*.cookie", "body", "*.body",
  "headers.authorization", "headers.cookie", 'headers["set-cookie"]',
  "*.headers.authorization", "*.headers.cookie", '*.headers["set-cookie"]',
];

/**
 * @param {{ level?: string, pretty?: boolean, destination?: import("node:stream").Writable }} [options]
 *   `destination` replaces stdout (tests pass a memory stream); it wins over `pretty`.
 */
export function createLogger({ level = "info", pretty = false, destination } = {}) {
  if (!LOG_LEVELS.includes(level)) throw new Error(`Unknown log level "${level}"; expected one of ${LOG_LEVELS.join(", ")}`);
  const options = { level, redact: { paths: SECRET_PATHS, censor: "[redacted]" } };
  if (destination) return pino(options, destination);
  if (pretty) {
    return pino({
      ...options,
      transport: {
        target: "pino-pretty",
        // Decided here: the transport's worker thread cannot see whether stdout is a terminal.
        options: { colorize: colorTerminal(), singleLine: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" },
      },
    });
  }
  // Synchronous writes to fd 1, so the last lines before process.exit are not lost.
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

const colorTerminal = () => Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
