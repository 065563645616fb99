import { authConfigFromEnv } from "../auth/config";
import type { AuthContext } from "../auth/context";
import { createDb } from "../db/client";
import { env } from "../env";

const holder = globalThis as unknown as { gatehouseContext?: AuthContext };

/**
 * The server's database and auth settings, built once per process. Kept on globalThis so
 * dev reloads reuse one database connection.
 */
export function serverContext(): AuthContext {
  if (!holder.gatehouseContext) {
    const settings = env();
    const db = createDb(settings.databasePath);
    holder.gatehouseContext = { db, config: authConfigFromEnv(settings, db) };
  }
  return holder.gatehouseContext;
}
