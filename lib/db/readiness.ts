import { accessSync, constants, readdirSync } from "node:fs";
import path from "node:path";
import type { Database } from "./client";
import { prismaPaths } from "./database-url";
import { databaseFault } from "./prisma-errors";

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
  return readdirSync(path.join(cwd, prismaPaths(database.kind).migrations), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** A SQLite file that was removed, or cannot be written, while the server runs. */
export function sqliteFileProblem(file: string): NotReadyReason | null {
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
    accessSync(path.dirname(file), constants.W_OK);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? "database_missing" : "database_read_only";
  }
}

const REASONS = { busy: "database_busy", read_only: "database_read_only", full: "database_full", missing: "database_missing" } as const;

/** Whether the database answers, can be written, and has every committed migration applied. */
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
    const fault = databaseFault(error);
    return { ready: false, reason: fault && fault in REASONS ? REASONS[fault as keyof typeof REASONS] : "database_unreachable" };
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = committedMigrations(database).filter((name) => !done.has(name));
  return pending.length ? { ready: false, reason: "migrations_pending", pending } : { ready: true, migrations: done.size };
}
