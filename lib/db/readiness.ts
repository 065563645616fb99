import { accessSync, constants, readdirSync, statfsSync } from "node:fs";
import path from "node:path";
import type { Database } from "./client";


export type NotReadyReason =
  | "database_missing"
  | "database_read_only"
  | "database_busy"
  | "database_full"
  | "database_unreachable"
  | "migrations_pending";

export type Readiness = { ready: true; migrations: number } | { ready: false; reason: NotReadyReason; pending?: string[] };

/** The committed migrations of this engine, by folder name. */
function committedMigrations(database: Database, cwd = process.cwd()): string[] {
  return readdirSync(path.join(/* turbopackIgnore: true */ cwd, database.engine.migrations), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Less room than this on the SQLite file's disk, and the next commits may not fit. */
export const MIN_FREE_DISK_BYTES = 1024 * 1024;

/** A SQLite file that was removed, cannot be written, or whose disk is full, while the server runs. */
export function sqliteFileProblem(file: string): NotReadyReason | null {
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
    accessSync(path.dirname(file), constants.W_OK);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "database_missing" : "database_read_only";
  }
  const disk = statfsSync(path.dirname(file));
  return disk.bavail * disk.bsize < MIN_FREE_DISK_BYTES ? "database_full" : null;
}

const REASONS = { busy: "database_busy", read_only: "database_read_only", full: "database_full", missing: "database_missing" } as const;

const notReady = (database: Database, error: unknown): Readiness => {
  const kind = database.engine.errorKind(error);
  const fault = typeof kind === "object" && kind ? kind.fault : null;
  return { ready: false, reason: fault && fault in REASONS ? REASONS[fault as keyof typeof REASONS] : "database_unreachable" };
};

/**
 * Whether the database answers, can be written, and has every committed migration applied.
 * Writing is tried for real: a statement that takes the write lock and changes nothing, so
 * a lock another process holds beyond the busy budget (or a read-only server) says so.
 */
export async function checkReadiness(database: Database): Promise<Readiness> {
  const fileProblem = database.file ? sqliteFileProblem(database.file) : null;
  if (fileProblem) return { ready: false, reason: fileProblem };
  let applied: { migration_name: string }[];
  try {
    applied = await database.db.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL',
    );
  } catch (error) {
    // A reachable database without the migrations table has nothing applied yet.
    if (/_prisma_migrations/.test(error instanceof Error ? error.message : "")) {
      return { ready: false, reason: "migrations_pending", pending: committedMigrations(database) };
    }
    return notReady(database, error);
  }
  try {
    await database.db.$executeRawUnsafe('DELETE FROM "_prisma_migrations" WHERE 1 = 0');
  } catch (error) {
    return notReady(database, error);
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = committedMigrations(database).filter((name) => !done.has(name));
  return pending.length ? { ready: false, reason: "migrations_pending", pending } : { ready: true, migrations: done.size };
}
