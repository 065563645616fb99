import { PrismaClient } from "@prisma/client";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { prismaPaths, sqliteFilePath } from "../database-url";
import { type Db, type Dialect, type Engine, type Fragment, escapeLike, quoted, raw, sql } from "./engine";
import { openConnection, rememberConnection } from "./driver-adapter/connection";
import { errorKind } from "./driver-adapter/errors";
import { isoTimestamp } from "./driver-adapter/rows";
import { adapterStatements, clientStatements } from "./driver-adapter/statements";
import { type SqliteSynchronous, tunedSqliteAdapter } from "./sqlite/adapter";
import { retryStaleTransaction, retryWhileBusy } from "./sqlite/busy-retry";
import { sqliteRead } from "./sqlite/direct-reads";
import { groupCommits } from "./sqlite/group-commit";

export type { SqliteSynchronous };

export interface SqliteOptions {
  /** Create a missing SQLite file (an empty, unmigrated database). Off: a missing file is a fault. */
  createFile?: boolean;
  /** Durability on power loss (see sqlite/adapter.ts); FULL unless told otherwise. */
  synchronous?: SqliteSynchronous;
  /** Extensions the stores put on the client (they see every model operation). */
  extendClient?: (client: Db) => Db;
}

const question = () => "?";

export const sqliteDialect: Dialect = {
  // A cast has no declared type, so the text passes through instead of becoming a Date.
  timestamp: (column) => raw(`CAST(${quoted(column)} AS TEXT)`),
  isoTimestamp,
  containsText: (column: Fragment, text: string) => sql`lower(${column}) LIKE lower(${`%${escapeLike(text)}%`}) ESCAPE '\\'`,
  // Prisma keeps a DateTime as ISO-8601 text here.
  dateBucket: (column, unit) => raw(`strftime('${unit === "hour" ? "%Y-%m-%dT%H:00:00Z" : "%Y-%m-%dT00:00:00Z"}', ${quoted(column)})`),
};

/**
 * SQLite waits for another process's lock without blocking the event loop: better-sqlite3
 * is told not to wait at all, and every operation is retried on timers instead. Batch
 * transactions (`$transaction([...])`) do not survive that retry (the retried statement runs
 * alone, the others are lost and the batch reports success): use interactive ones.
 */
function retryingWhileBusy(client: PrismaClient): Db {
  // The extension only wraps each operation; the client's API is unchanged.
  return client.$extends({ query: { $allOperations: ({ args, query }) => retryWhileBusy(() => query(args)) } }) as unknown as Db;
}

/**
 * Interactive transactions begin again, whole, when another process committed after their
 * first read (sqlite/busy-retry.ts); batches and single operations pass through.
 */
function restartingStaleTransactions(client: Db): Db {
  type Transaction = (input: unknown, options?: unknown) => Promise<unknown>;
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (property !== "$transaction" || typeof value !== "function") return value;
      const transaction = (value as Transaction).bind(target);
      return (input: unknown, options?: unknown) =>
        typeof input === "function" ? retryStaleTransaction(() => transaction(input, options)) : transaction(input, options);
    },
  });
}

/**
 * One SQLite file through one connection: Prisma's better-sqlite3 adapter with reused
 * statements, busy waits on timers, and the hot writes committed in groups.
 */
export function openSqlite(databaseUrl: string, options: SqliteOptions = {}): Engine {
  const file = sqliteFilePath(databaseUrl);
  if (options.createFile) mkdirSync(path.dirname(file), { recursive: true });
  const factory = rememberConnection(tunedSqliteAdapter({ file, fileMustExist: !options.createFile, synchronous: options.synchronous ?? "FULL" }));
  const extend = options.extendClient ?? ((client: Db) => client);
  const client = restartingStaleTransactions(extend(retryingWhileBusy(new PrismaClient({ adapter: factory }))));
  const adapter = openConnection(client, factory);
  const straight = adapterStatements(adapter, question, { wait: retryWhileBusy, write: groupCommits(adapter), read: sqliteRead });
  const throughClient = clientStatements(client, question);
  return {
    client,
    dialect: sqliteDialect,
    query: straight.query,
    // Through the client, whose operations wait out a busy file and stay out of open transactions.
    execute: throughClient.execute,
    groupedWrite: straight.write,
    transaction: (work) =>
      client.$transaction((tx) => {
        const statements = clientStatements(tx, question);
        // One writer at a time: a write transaction holds the whole file, so rows need no lock of their own.
        const lockRows = async (table: string, where: Fragment) =>
          (await statements.query<{ id: number | bigint }>(sql`SELECT "id" FROM ${raw(quoted(table))} WHERE ${where}`)).map((row) => Number(row.id));
        return work({ db: tx, ...statements, lockRows });
      }),
    errorKind,
    migrations: prismaPaths("sqlite").migrations,
    file,
    close: () => client.$disconnect(),
  };
}
