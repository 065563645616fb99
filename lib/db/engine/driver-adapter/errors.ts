import type { DatabaseFault, ErrorKind } from "../engine";

export type { DatabaseFault };

/**
 * Each generated client carries its own runtime, so a Prisma error from the PostgreSQL
 * client is not an instance of the SQLite client's class: recognise errors by code.
 */
export function prismaErrorCode(error: unknown): string | null {
  if (typeof error !== "object" || error === null) return null;
  const code = (error as { code?: unknown }).code;
  const name = (error as { name?: unknown }).name;
  return typeof code === "string" && typeof name === "string" && name.startsWith("PrismaClient") ? code : null;
}

/** What a driver adapter says of a failure, as Prisma's DriverAdapterError carries it. */
type AdapterCause = { kind?: unknown; originalCode?: unknown; originalMessage?: unknown };
/** The fields read here of an error from the client, the adapter or the driver itself. */
type DatabaseError = { name?: unknown; code?: unknown; cause?: AdapterCause; meta?: { driverAdapterError?: { cause?: AdapterCause } } } | null;

/**
 * What the driver adapter said about a failed raw statement: wrapped by the client as P2010
 * (which carries no P-code of its own), or thrown by the adapter itself (statements.ts).
 */
function rawStatementCause(error: unknown): AdapterCause {
  const failure = error as DatabaseError;
  if (failure?.name === "DriverAdapterError") return failure.cause ?? {};
  return prismaErrorCode(error) === "P2010" ? (failure?.meta?.driverAdapterError?.cause ?? {}) : {};
}

/** A unique constraint refused the write: P2002 from a model query, the adapter's kind from raw SQL. */
export const isUniqueViolation = (error: unknown) =>
  prismaErrorCode(error) === "P2002" || rawStatementCause(error).kind === "UniqueConstraintViolation";


const BY_CODE: Record<string, DatabaseFault> = {
  P1008: "busy", // SQLite: the file is locked by another process (busy timeout)
  P2024: "busy", // PostgreSQL: no pooled connection came free in time
  P2037: "busy", // PostgreSQL: too many connections
  P1001: "unreachable",
  P1002: "unreachable",
  P1017: "unreachable",
  P1003: "missing",
  P2021: "missing", // a table is gone: a new or replaced, unmigrated file
  SQLITE_BUSY: "busy",
  SQLITE_LOCKED: "busy",
  SQLITE_READONLY: "read_only",
  SQLITE_FULL: "full",
  SQLITE_CANTOPEN: "missing",
  SQLITE_NOTADB: "broken",
  SQLITE_CORRUPT: "broken",
  SQLITE_IOERR: "broken",
  SQLITE_PERM: "read_only",
  "55P03": "busy", // PostgreSQL lock_timeout
  "57014": "busy", // PostgreSQL statement_timeout
  "57P01": "unreachable", // the server is shutting down
  "53300": "busy", // too many connections
};

/**
 * The P-code Prisma's client gives a driver adapter error of each kind (its runtime's own
 * table, for the kinds that are faults), so an error the adapter throws straight at a hot
 * statement (statements.ts) is read as the client's would be.
 */
const CODE_OF_ADAPTER_KIND: Record<string, string> = {
  DatabaseNotReachable: "P1001",
  DatabaseDoesNotExist: "P1003",
  SocketTimeout: "P1008",
  ConnectionClosed: "P1017",
  TableDoesNotExist: "P2021",
  TooManyConnections: "P2037",
};

function exactCodesOf(error: unknown): string[] {
  if (typeof error !== "object" || error === null) return [];
  const e = error as NonNullable<DatabaseError>;
  // The adapter's kind, whether it threw itself or the client wrapped it (P2010, raw SQL).
  const adapterKind = rawStatementCause(error).kind;
  const kind = typeof adapterKind === "string" ? CODE_OF_ADAPTER_KIND[adapterKind] : undefined;
  return [e.code, e.meta?.driverAdapterError?.cause?.originalCode, e.cause?.originalCode, kind].filter((code): code is string => typeof code === "string");
}

const codesOf = (error: unknown) => exactCodesOf(error).map((code) => code.replace(/^(SQLITE_[A-Z]+)_.*$/, "$1"));

/**
 * SQLite refused a write because another connection committed since this transaction began
 * reading (WAL). Waiting cannot help: only the whole transaction, begun again, can succeed.
 */
export const isStaleSnapshot = (error: unknown) => exactCodesOf(error).includes("SQLITE_BUSY_SNAPSHOT");

/** The fault behind an error, or null when the error is not the database being unavailable. */
export function databaseFault(error: unknown): DatabaseFault | null {
  for (const code of codesOf(error)) if (BY_CODE[code]) return BY_CODE[code]!;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "PrismaClientInitializationError") return "unreachable";
  // better-sqlite3 throws from its constructor when the file (or its folder) is not there.
  const message = error instanceof Error ? error.message : "";
  if (/Cannot open database|unable to open database file/i.test(message)) return "missing";
  if (/attempt to write a readonly database/i.test(message)) return "read_only";
  // node-postgres's pool, when no connection came free within connectionTimeoutMillis: a
  // plain Error that neither the adapter nor the client gives a code.
  if (message === "timeout exceeded when trying to connect") return "busy";
  // P2028 also names misuse of a transaction; only these two mean every connection was taken.
  if (prismaErrorCode(error) === "P2028" && /Unable to start a transaction in the given time|on an expired transaction/.test(message)) return "busy";
  return null;
}

/** A write named a row that is not there: a foreign key refused it, or its target was gone. */
const isMissingReference = (error: unknown) =>
  ["P2003", "P2025"].includes(prismaErrorCode(error) ?? "") || rawStatementCause(error).kind === "ForeignKeyConstraintViolation";

/** What a driver adapter's or a Prisma client's error means to a store. */
export function errorKind(error: unknown): ErrorKind | null {
  if (isUniqueViolation(error)) return "unique_violation";
  if (isMissingReference(error)) return "missing_reference";
  const fault = databaseFault(error);
  return fault ? { fault } : null;
}
