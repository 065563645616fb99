import type { Prisma as SqlitePrisma } from "@prisma/client";
import { prismaPaths } from "../database-url";
import { type Db, type Dialect, type Engine, type Fragment, escapeLike, quoted, raw, sql } from "./engine";
import { openConnection, rememberConnection } from "./driver-adapter/connection";
import { errorKind } from "./driver-adapter/errors";
import { isoTimestamp } from "./driver-adapter/rows";
import { adapterStatements, clientStatements } from "./driver-adapter/statements";
import { preparingAdapterFactory } from "./postgres/preparing-pool";
import { type Prisma as PostgresPrisma, PrismaClient as PostgresPrismaClient } from "../generated/postgres";

export interface PostgresOptions {
  /** Extensions the stores put on the client (they see every model operation). */
  extendClient?: (client: Db) => Db;
  /** This process's pool; MAX_POSTGRES_CONNECTIONS unless it is one of several (see connectionsPerProcess). */
  connections?: number;
}

/** The most connections one server keeps, however many processes it runs. */
export const MAX_POSTGRES_CONNECTIONS = 10;
/** A process still needs a connection for a transaction while another serves the revocation clock. */
const MIN_CONNECTIONS_PER_PROCESS = 2;

/**
 * Each of a server's `processes` takes its share of MAX_POSTGRES_CONNECTIONS, not that many
 * of its own. Measured with two processes on two cores, ten connections each cost 30–55 %
 * more CPU per refresh in the server and 20–50 % more in PostgreSQL than five each, for
 * fewer refreshes a second: more backends than cores only take turns. It also keeps one
 * server's share of max_connections what it was. Beyond five processes the floor of two
 * each lets the total grow.
 */
export const connectionsPerProcess = (processes: number): number =>
  Math.max(MIN_CONNECTIONS_PER_PROCESS, Math.ceil(MAX_POSTGRES_CONNECTIONS / Math.max(1, processes)));
/** Bounds on every wait PostgreSQL can impose, so a request ends in a 503 rather than hanging. */
const POSTGRES_WAITS = { connectionTimeoutMillis: 3_000, lock_timeout: 3_000, statement_timeout: 15_000 };

const dollar = (position: number) => `$${position}`;

export const postgresDialect: Dialect = {
  // Timestamps are kept in UTC; the contract admits only the years 1 to 9999, which YYYY spells in four digits.
  timestamp: (column) => raw(`to_char(${quoted(column)}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`),
  isoTimestamp,
  containsText: (column: Fragment, text: string) => sql`lower(${column}) LIKE lower(${`%${escapeLike(text)}%`}) ESCAPE '\\'`,
  dateBucket: (column, unit) => raw(`to_char(date_trunc('${unit === "hour" ? "hour" : "day"}', ${quoted(column)}), 'YYYY-MM-DD"T"HH24:00:00"Z"')`),
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Whether both generated clients give every model the same columns (a new model is added here). */
type SameColumns = Same<
  [SqlitePrisma.UserGetPayload<object>, SqlitePrisma.LoginGetPayload<object>, SqlitePrisma.LegacyRefreshTokenGetPayload<object>,
    SqlitePrisma.RefreshActivityGetPayload<object>, SqlitePrisma.InvoiceGetPayload<object>, SqlitePrisma.AuditEventGetPayload<object>,
    SqlitePrisma.LoginThrottleGetPayload<object>, SqlitePrisma.SigningKeyGetPayload<object>, SqlitePrisma.RevocationClockGetPayload<object>],
  [PostgresPrisma.UserGetPayload<object>, PostgresPrisma.LoginGetPayload<object>, PostgresPrisma.LegacyRefreshTokenGetPayload<object>,
    PostgresPrisma.RefreshActivityGetPayload<object>, PostgresPrisma.InvoiceGetPayload<object>, PostgresPrisma.AuditEventGetPayload<object>,
    PostgresPrisma.LoginThrottleGetPayload<object>, PostgresPrisma.SigningKeyGetPayload<object>, PostgresPrisma.RevocationClockGetPayload<object>]
>;

/**
 * The seam where the PostgreSQL client is taken as the model API's type (engine.ts's Db):
 * each generated client carries its own runtime, so their types never match exactly, but
 * the compiler checks here that both schemas give every model the same columns.
 */
function asModelApi(client: PostgresPrismaClient, sameColumns: SameColumns): Db {
  if (!sameColumns) throw new Error("the PostgreSQL schema's models differ from SQLite's: run npm run db:schema:postgres");
  return client as unknown as Db;
}

/** PostgreSQL through a pool (MAX_POSTGRES_CONNECTIONS, or the process's share) that prepares its statements: Prisma's pg adapter, row locks for the writes that race. */
export function openPostgres(databaseUrl: string, options: PostgresOptions = {}): Engine {
  const factory = rememberConnection(preparingAdapterFactory({ connectionString: databaseUrl, max: options.connections ?? MAX_POSTGRES_CONNECTIONS, ...POSTGRES_WAITS }));
  const extend = options.extendClient ?? ((client: Db) => client);
  const client = extend(asModelApi(new PostgresPrismaClient({ adapter: factory }), true));
  const adapter = openConnection(client, factory);
  // PostgreSQL waits for its locks itself, within its lock_timeout.
  const straight = adapterStatements(adapter, dollar, { wait: (work) => work(), write: async (query) => (await adapter()).executeRaw(query) });
  return {
    client,
    dialect: postgresDialect,
    query: straight.query,
    execute: clientStatements(client, dollar).execute,
    groupedWrite: straight.write,
    transaction: (work) =>
      client.$transaction((tx) => {
        const statements = clientStatements(tx, dollar);
        // READ COMMITTED re-reads the locked rows once the other transaction has committed.
        const lockRows = async (table: string, where: Fragment) =>
          (await statements.query<{ id: number | bigint }>(sql`SELECT "id" FROM ${raw(quoted(table))} WHERE ${where} FOR UPDATE`)).map((row) => Number(row.id));
        return work({ db: tx, ...statements, lockRows });
      }),
    errorKind,
    migrations: prismaPaths("postgres").migrations,
    close: () => client.$disconnect(),
  };
}
