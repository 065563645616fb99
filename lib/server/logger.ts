import type { Logger } from "pino";
import { createLogger } from "../log/logger.mjs";
import { env } from "../env";
import type { ErrorLog } from "../http/respond";

const holder = globalThis as unknown as { gatehouseLogger?: Logger };

/** The app's logger: the same shape server.mjs logs requests in, at LOG_LEVEL. */
export function logger(): Logger {
  holder.gatehouseLogger ??= createLogger({ level: env().LOG_LEVEL, pretty: env().NODE_ENV === "development" });
  return holder.gatehouseLogger;
}

/** The app's logger as lib/http takes it, read when an error happens (so importing needs no settings). */
export const errorLog: ErrorLog = { error: (fields, message) => logger().error(fields, message) };
