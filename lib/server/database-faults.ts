import type { Logger } from "pino";
import { type DatabaseFault, databaseFault } from "../db/database-errors";
import type { NotReadyReason } from "../db/readiness";
import { errors } from "../errors/catalog";

/** Faults after which the connection is reopened: the file may be back, or writable again. */
const REOPEN_AFTER: readonly DatabaseFault[] = ["read_only", "missing", "broken", "unreachable"];
const RETRY_AFTER_SECONDS: Record<DatabaseFault, number> = { busy: 2, read_only: 30, full: 30, missing: 30, unreachable: 5, broken: 30 };
const FAULT_OF_REASON: Record<NotReadyReason, DatabaseFault | null> = {
  database_busy: "busy",
  database_read_only: "read_only",
  database_full: "full",
  database_missing: "missing",
  database_unreachable: "unreachable",
  migrations_pending: null,
};

/** When to ask /api/ready again: as soon as a request refused for the same fault would be retried. */
export function readinessRetryAfter(reason: NotReadyReason): number {
  const fault = FAULT_OF_REASON[reason];
  return fault ? RETRY_AFTER_SECONDS[fault] : 30;
}

/**
 * Turns the database being unavailable into a 503 with Retry-After, and says so in the log
 * once when it starts and once when it ends, instead of a stack trace on every request.
 */
export function databaseFaults(log: () => Logger, reopen: () => Promise<void>) {
  let current: DatabaseFault | null = null;
  return {
    /** The 503 to answer with, or null when the error is not a database fault. */
    async answer(error: unknown) {
      const fault = databaseFault(error);
      if (!fault) return null;
      if (fault !== current) {
        current = fault;
        const detail = error instanceof Error ? error.message.trim().split("\n").at(-1)?.slice(0, 200) : undefined;
        log().warn({ fault, detail }, "database unavailable: answering 503 until it recovers");
      }
      if (REOPEN_AFTER.includes(fault)) await reopen().catch(() => undefined);
      return errors.databaseUnavailable(RETRY_AFTER_SECONDS[fault]);
    },
    /** A request used the database successfully. */
    recovered() {
      if (current === null) return;
      log().info({ fault: current }, "database available again");
      current = null;
    },
  };
}
