import type { Db, Engine } from "./engine/engine";
import { type OpenOptions, openEngine } from "./engine/open";
import { type RevokingWrites, watchRevokingWrites } from "./revoking-writes";

export type { Db, OpenOptions };

/** One database as the stores use it: its engine, and the writes through it that can end a login. */
export interface Database {
  /** The engine's Prisma client (the model API), watched for revoking writes. */
  db: Db;
  engine: Engine;
  /** The SQLite file, resolved; undefined for PostgreSQL. */
  file?: string;
  /** This process's writes through `db` that can end a login. */
  revokingWrites: RevokingWrites;
  /** Whether notices and admin audit events also go to the operators' webhook outbox. */
  outbox?: boolean;
}

/** The database DATABASE_URL names: `file:` opens SQLite, `postgres://` PostgreSQL. */
export function openDatabase(databaseUrl: string, options: Omit<OpenOptions, "extendClient"> = {}): Database {
  let revokingWrites: RevokingWrites | undefined;
  const engine = openEngine(databaseUrl, {
    ...options,
    extendClient: (client) => {
      const watched = watchRevokingWrites(client);
      revokingWrites = watched.writes;
      return watched.client;
    },
  });
  if (!revokingWrites) throw new Error("the engine opened its client without the stores' extension");
  return { db: engine.client, engine, file: engine.file, revokingWrites };
}

export function createDb(databaseUrl: string): Db {
  return openDatabase(databaseUrl).db;
}
