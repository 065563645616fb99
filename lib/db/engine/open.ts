import { databaseKind } from "../../database-kind";
import type { Db, Engine } from "./engine";
import { connectionsPerProcess, openPostgres } from "./postgres";
import { openSqlite, type SqliteSynchronous } from "./sqlite";

export interface OpenOptions {
  /** Create a missing SQLite file (an empty, unmigrated database). Off: a missing file is a fault. */
  createSqliteFile?: boolean;
  /** SQLite's durability on power loss; FULL unless told otherwise. */
  sqliteSynchronous?: SqliteSynchronous;
  /** Extensions the stores put on the client. */
  extendClient?: (client: Db) => Db;
  /** How many processes of one server share its PostgreSQL connections (1 unless clustered). */
  processes?: number;
}

/** The engine DATABASE_URL names: `file:` opens SQLite, `postgres://` PostgreSQL. */
export function openEngine(databaseUrl: string, options: OpenOptions = {}): Engine {
  switch (databaseKind(databaseUrl)) {
    case "postgres":
      return openPostgres(databaseUrl, { extendClient: options.extendClient, connections: connectionsPerProcess(options.processes ?? 1) });
    case "sqlite":
      return openSqlite(databaseUrl, { createFile: options.createSqliteFile, synchronous: options.sqliteSynchronous, extendClient: options.extendClient });
    default:
      throw new Error("DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)");
  }
}
