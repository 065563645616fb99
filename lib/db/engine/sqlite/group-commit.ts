import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import { retryWhileBusy } from "./busy-retry";
import { databaseFault } from "../driver-adapter/errors";

type Outcome = { ok: true; changes: number } | { ok: false; error: unknown };
interface Waiting {
  query: SqlQuery;
  resolve(changes: number): void;
  reject(error: unknown): void;
}

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });
const settle = (work: Promise<number>): Promise<Outcome> =>
  work.then(
    (changes) => ({ ok: true, changes }),
    (error: unknown) => ({ ok: false, error }),
  );

/**
 * Runs `queries` in one transaction of their own, each as its own statement, and commits
 * what succeeded; throws only when the COMMIT fails, which undoes them all. The adapter's
 * transaction lock keeps the client's interactive transactions out of this one, and this
 * one out of theirs (a write on the shared connection would otherwise join whichever was
 * open). The statements and the COMMIT are issued in one synchronous run (the adapter runs
 * each call before returning its promise), so no other statement on the connection slips
 * in between them.
 */
async function inOwnTransaction(adapter: SqlDriverAdapter, queries: SqlQuery[]): Promise<Outcome[]> {
  const transaction = await adapter.startTransaction();
  const outcomes = queries.map((query) => settle(transaction.executeRaw(query)));
  const commit = await settle(transaction.executeRaw(statement("COMMIT")));
  if (!commit.ok) await settle(transaction.executeRaw(statement("ROLLBACK")));
  await (commit.ok ? transaction.commit() : transaction.rollback());
  if (!commit.ok) throw commit.error;
  return Promise.all(outcomes);
}

/**
 * SQLite writes that arrive in one turn of the event loop commit together: one transaction,
 * so one sync of the log to disk for all of them instead of one each (with `synchronous =
 * FULL` that sync is most of a rotation's cost). Each write stays its own statement, so one
 * a constraint or trigger refuses is undone alone (SQLite aborts the statement, not the
 * transaction) and the others commit. Every caller hears of its write only after the
 * COMMIT returned, so none is told of a write a power cut could still take back. Writes
 * that found the file locked by another process are retried on timers, within the busy
 * budget, as every other operation is, and together: a group that met another process's
 * lock costs a wait, not a transaction and a sync per write.
 */
export function groupCommits(adapter: () => Promise<SqlDriverAdapter>): (query: SqlQuery) => Promise<number> {
  let waiting: Waiting[] = [];

  async function together(batch: Waiting[]) {
    let pending = batch;
    try {
      await retryWhileBusy(async () => {
        const outcomes = await inOwnTransaction(await adapter(), pending.map(({ query }) => query));
        const busy: Waiting[] = [];
        let busyError: unknown;
        pending.forEach((write, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) write.resolve(outcome.changes);
          else if (databaseFault(outcome.error) !== "busy") write.reject(outcome.error);
          else {
            busy.push(write);
            busyError ??= outcome.error;
          }
        });
        pending = busy;
        if (busy.length) throw busyError;
      });
    } catch (error) {
      for (const { reject } of pending) reject(error);
    }
  }

  function flush() {
    const batch = waiting;
    waiting = [];
    void together(batch);
  }

  return (query) =>
    new Promise<number>((resolve, reject) => {
      waiting.push({ query, resolve, reject });
      if (waiting.length === 1) setImmediate(flush);
    });
}
