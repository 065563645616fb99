import type { Logger } from "pino";
import { createLogger } from "../log/logger.mjs";
import { env } from "../env";

const holder = globalThis as unknown as { gatehouseLogger?: Logger };

/** The app's logger: the same shape server.mjs logs requests in, at LOG_LEVEL. */
export function logger(): Logger {
  holder.gatehouseLogger ??= createLogger({ level: env().LOG_LEVEL, pretty: env().NODE_ENV === "development" });
  return holder.gatehouseLogger;
}
