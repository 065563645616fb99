import type { Writable } from "node:stream";
import type { Logger } from "pino";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
export declare const LOG_LEVELS: readonly LogLevel[];
export declare function createLogger(options?: { level?: string; pretty?: boolean; destination?: Writable }): Logger;
