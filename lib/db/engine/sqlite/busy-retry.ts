import { databaseFault, isStaleSnapshot } from "../driver-adapter/errors";

/** How long a request may wait, in total, for a SQLite file another process has locked. */
export const BUSY_WAIT_BUDGET_MS = 3_000;
// Another process's commit holds the write lock for a millisecond or two (WAL), so the
// first retries come quickly, and jitter keeps several processes from retrying in step.
const FIRST_WAIT_MS = 1;
const LONGEST_WAIT_MS = 250;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function retrying<T>(work: () => Promise<T>, retryable: (error: unknown) => boolean, budgetMs: number): Promise<T> {
  const deadline = Date.now() + budgetMs;
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
    try {
      return await work();
    } catch (error) {
      if (!retryable(error) || Date.now() + wait > deadline) throw error;
      await pause(wait * (0.5 + Math.random()));
    }
  }
}

/**
 * Runs one statement again while the database answers "busy", backing off on timers, so the
 * wait never blocks the event loop (better-sqlite3's own busy timeout would block it). After
 * the budget the last error is thrown, for the caller to answer 503. A stale snapshot is
 * thrown at once: no wait can make that statement succeed (see retryStaleTransaction).
 */
export function retryWhileBusy<T>(work: () => Promise<T>, budgetMs = BUSY_WAIT_BUDGET_MS): Promise<T> {
  return retrying(work, (error) => databaseFault(error) === "busy" && !isStaleSnapshot(error), budgetMs);
}

/**
 * Runs a whole interactive transaction again when SQLite refused one of its writes because
 * another process committed after the transaction's first read. The failed attempt has
 * been rolled back, so the next one starts from the new snapshot. Plain "busy" is not
 * retried here: its statement has already waited out the budget.
 */
export function retryStaleTransaction<T>(work: () => Promise<T>, budgetMs = BUSY_WAIT_BUDGET_MS): Promise<T> {
  return retrying(work, isStaleSnapshot, budgetMs);
}
