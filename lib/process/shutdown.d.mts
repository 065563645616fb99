import type { Server } from "node:http";
import type { Logger } from "pino";

export interface ShutdownOptions {
  /** How long open requests may run on before their connections are destroyed. */
  timeoutMs: number;
  /** The app's clean-up (database, worker threads), run after the last connection is gone. */
  onClosed?: () => unknown;
  /** How long onClosed may take; by default the drain timeout, but at least a second. */
  hookTimeoutMs?: number;
}
export declare function gracefulShutdown(server: Server, logger: Logger): (options: ShutdownOptions) => Promise<{ forced: boolean }>;
