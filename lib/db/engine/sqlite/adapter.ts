import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";
import { databaseFault } from "../driver-adapter/errors";
import { reusePreparedStatements } from "./reused-statements";

const NATIVE_BUSY_WAIT_MS = 20;

/** Runs `work`, ignoring its failure, whether it throws at once (the adapter does) or rejects. */
async function quietly(work: () => Promise<unknown>) {
  try {
    await work();
  } catch {
    // the caller chose to go on either way
  }
}

/**
 * The better-sqlite3 connection inside an adapter connection. Not part of the adapter's
 * typed interface, so it is checked: a newer adapter that hides it fails at start-up and in
 * the tests, not with slower queries nobody notices.
 */
export function connectionOf(adapter: object): BetterSqlite3.Database {
  const connection = (adapter as { client?: BetterSqlite3.Database }).client;
  if (typeof connection?.prepare !== "function") throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`");
  return connection;
}

/**
 * WAL or an error: SQLite answers a switch it cannot make with the mode it kept, which
 * would quietly cost every commit its concurrency and its single sync. Only a file that
 * cannot be written keeps its journal: it still serves reads, and readiness says why.
 */
function switchToWal(connection: BetterSqlite3.Database) {
  let mode: unknown;
  try {
    mode = connection.pragma("journal_mode = WAL", { simple: true });
  } catch (error) {
    if (databaseFault(error) === "read_only") return;
    throw error;
  }
  if (mode !== "wal") throw new Error(`SQLite kept the ${String(mode)} journal mode of ${connection.name} instead of switching to WAL`);
}

export type SqliteSynchronous = "FULL" | "NORMAL";

export interface SqliteAdapterOptions {
  file: string;
  fileMustExist: boolean;
  synchronous: SqliteSynchronous;
}

/**
 * WAL lets readers go on while one writer commits, and a commit costs one fsync of the log
 * instead of several of the journal and the file. `synchronous` is per connection, so it
 * is set on every connection the client opens: FULL keeps every committed revocation
 * through a power cut, NORMAL may lose the last commits then (never on a process crash).
 */
export function tunedSqliteAdapter({ file, fileMustExist, synchronous }: SqliteAdapterOptions) {
  // better-sqlite3 waits for another process's lock on the event loop, so only briefly: long
  // enough to slip in between another process's commits, never long enough to freeze the
  // server. Longer locks are waited out on timers (busy-retry.ts).
  const factory = new PrismaBetterSQLite3({ url: file, timeout: NATIVE_BUSY_WAIT_MS, fileMustExist });
  const tune = async <T extends SqlDriverAdapter>(adapter: T) => {
    const connection = connectionOf(adapter);
    reusePreparedStatements(connection);
    await adapter.executeScript(`PRAGMA synchronous = ${synchronous}`);
    switchToWal(connection);
    const dispose = adapter.dispose.bind(adapter);
    // The last connection to leave turns the file back to a rollback journal, so a stopped
    // server leaves one self-contained file that opens anywhere, a read-only disk included.
    // While another process still has it open the switch is refused, and WAL stays.
    adapter.dispose = async () => {
      await quietly(() => adapter.executeScript("PRAGMA journal_mode = DELETE"));
      await dispose();
    };
    return adapter;
  };
  return {
    provider: "sqlite" as const,
    adapterName: factory.adapterName,
    connect: async () => tune(await factory.connect()),
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}
