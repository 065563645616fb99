import { PrismaPg } from "@prisma/adapter-pg";
import { Prisma, PrismaClient } from "@prisma/client";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Prisma as PostgresPrisma, PrismaClient as PostgresPrismaClient } from "./generated/postgres";
import { retryStaleTransaction, retryWhileBusy } from "./busy-retry";
import { adapterQuery } from "./adapter-rows";
import { rememberConnection } from "./adapter-connection";
import { type HotDialect, sendStraightToAdapter } from "./hot-statements";
import { type RevokingWrites, watchRevokingWrites } from "./revoking-writes";
import { type DatabaseKind, databaseKind } from "../database-kind";
import { sqliteFilePath } from "./database-url";
import { type SqliteSynchronous, tunedSqliteAdapter } from "./sqlite-adapter";

/**
 * Both clients are generated from prisma/schema.prisma (the PostgreSQL one by
 * scripts/postgres-schema.mjs), so their model APIs are the same; the SQLite client's
 * types stand for both. Repositories use no provider-only feature (such as `mode`).
 */
export type Db = PrismaClient;

/**
 * Raw-SQL helpers of the client's own runtime: each generated client recognises only its
 * own fragments, so SQL for a client must be built with that client's helpers.
 */
export interface SqlBuilder {
  sql: typeof Prisma.sql;
  join: typeof Prisma.join;
  raw: typeof Prisma.raw;
  /**
   * A timestamp column to read in a list as text, which stored-time.ts turns into the API's
   * form without a Date per value: SQLite's stored text, PostgreSQL's formatted in UTC.
   */
  timestamp(column: string): Prisma.Sql;
}

export interface Database {
  db: Db;
  kind: DatabaseKind;
  sql: SqlBuilder;
  /** The SQLite file, resolved; undefined for PostgreSQL. */
  file?: string;
  /** This process's writes through `db` that can end a login. */
  revokingWrites: RevokingWrites;
}

const quoted = (column: string) => {
  if (!/^[A-Za-z]+$/.test(column)) throw new Error(`not a column name: ${column}`);
  return `"${column}"`;
};
// A cast has no declared type, so Prisma passes the text through instead of making a Date of it.
const sqliteSql: SqlBuilder = { sql: Prisma.sql, join: Prisma.join, raw: Prisma.raw, timestamp: (column) => Prisma.raw(`CAST(${quoted(column)} AS TEXT)`) };
// Same functions, other runtime: the types differ only by which runtime's Sql they name.
const postgresSql = {
  sql: PostgresPrisma.sql,
  join: PostgresPrisma.join,
  raw: PostgresPrisma.raw,
  // Timestamps are kept in UTC; the contract admits only the years 1 to 9999, which YYYY spells in four digits.
  timestamp: (column: string) => PostgresPrisma.raw(`to_char(${quoted(column)}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`),
} as unknown as SqlBuilder;

/**
 * Hot statements in each runtime's own tag, which flattens the fragments its SqlBuilder
 * made: SQLite's adapter takes `?` placeholders (`sql`), PostgreSQL's `$1` (`text`).
 */
const sqliteHot: HotDialect = {
  statement: (strings, values) => adapterQuery(Prisma.sql(strings, ...values)),
  embedded: true,
};
const postgresHot: HotDialect = {
  statement: (strings, values) => {
    const built = PostgresPrisma.sql(strings, ...values);
    return adapterQuery({ sql: built.text, values: built.values });
  },
  embedded: false,
};

export const MAX_POSTGRES_CONNECTIONS = 10;
/** Bounds on every wait PostgreSQL can impose, so a request ends in a 503 rather than hanging. */
const POSTGRES_WAITS = { connectionTimeoutMillis: 3_000, lock_timeout: 3_000, statement_timeout: 15_000 };

export interface OpenOptions {
  /** Create a missing SQLite file (an empty, unmigrated database). Off: a missing file is a fault. */
  createSqliteFile?: boolean;
  /** SQLite's durability on power loss (see sqlite-adapter.ts); FULL unless told otherwise. */
  sqliteSynchronous?: SqliteSynchronous;
}

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
 * Interactive transactions on SQLite begin again, whole, when another process committed
 * after their first read (busy-retry.ts); batches and single operations pass through.
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

/** A client for DATABASE_URL: `file:` opens SQLite, `postgres://` PostgreSQL. */
export function openDatabase(databaseUrl: string, options: OpenOptions = {}): Database {
  const kind = databaseKind(databaseUrl);
  if (kind === "postgres") {
    const adapter = rememberConnection(new PrismaPg({ connectionString: databaseUrl, max: MAX_POSTGRES_CONNECTIONS, ...POSTGRES_WAITS }));
    // The two generated clients differ only in provider-specific options we never use.
    const { client, writes } = watchRevokingWrites(new PostgresPrismaClient({ adapter }) as unknown as Db);
    sendStraightToAdapter(client, adapter.connected, postgresHot);
    return { kind, sql: postgresSql, db: client, revokingWrites: writes };
  }
  if (kind === "sqlite") {
    const file = sqliteFilePath(databaseUrl);
    if (options.createSqliteFile) mkdirSync(path.dirname(file), { recursive: true });
    const adapter = rememberConnection(tunedSqliteAdapter({ file, fileMustExist: !options.createSqliteFile, synchronous: options.sqliteSynchronous ?? "FULL" }));
    const { client, writes } = watchRevokingWrites(retryingWhileBusy(new PrismaClient({ adapter })));
    const db = restartingStaleTransactions(client);
    sendStraightToAdapter(db, adapter.connected, sqliteHot);
    return { kind, file, sql: sqliteSql, db, revokingWrites: writes };
  }
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)");
}

export function createDb(databaseUrl: string): Db {
  return openDatabase(databaseUrl).db;
}
