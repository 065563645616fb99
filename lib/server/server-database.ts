import { type Database, openDatabase } from "../db/client";
import type { Env } from "../env";
import { processesOfThisServer } from "../process/cluster.mjs";

/** The database as the server opens it: its URL, the durability its settings ask for, and its processes' share of connections. */
export const openServerDatabase = (settings: Env): Database =>
  openDatabase(settings.DATABASE_URL, { sqliteSynchronous: settings.SQLITE_SYNCHRONOUS, processes: processesOfThisServer() });
