import { type Database, openDatabase } from "../db/client";
import type { Env } from "../env";

/** The database as the server opens it: its URL and the durability its settings ask for. */
export const openServerDatabase = (settings: Env): Database =>
  openDatabase(settings.DATABASE_URL, { sqliteSynchronous: settings.SQLITE_SYNCHRONOUS });
