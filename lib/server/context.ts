import { cpus } from "node:os";
import { authConfigFromEnv } from "../auth/config";
import type { AuthContext } from "../auth/context";
import { createPasswordPool } from "../auth/password-pool";
import { pooledHasher } from "../auth/passwords";
import { createDb } from "../db/client";
import { env } from "../env";

const holder = globalThis as unknown as { gatehouseContext?: AuthContext };

/**
 * The server's database, auth settings and password workers, built once per process.
 * Kept on globalThis so dev reloads reuse one connection and one pool.
 */
export function serverContext(): AuthContext {
  if (!holder.gatehouseContext) {
    const settings = env();
    const db = createDb(settings.databasePath);
    const pool = createPasswordPool({
      size: settings.PASSWORD_WORKERS ?? Math.max(1, Math.min(2, cpus().length - 1)),
      maxQueue: settings.PASSWORD_QUEUE_LIMIT,
    });
    holder.gatehouseContext = { db, config: authConfigFromEnv(settings, db), passwords: pooledHasher(pool) };
  }
  return holder.gatehouseContext;
}
