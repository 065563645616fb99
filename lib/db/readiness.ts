import { readdirSync } from "node:fs";
import type { Db } from "./client";
import { type DatabaseKind, prismaPaths } from "./database-url";

export type Readiness =
  | { ready: true; migrations: number }
  | { ready: false; reason: "database_unreachable" | "migrations_pending"; pending?: string[] };

/** The committed migrations of this engine, by folder name. */
function committedMigrations(kind: DatabaseKind, cwd = process.cwd()): string[] {
  return readdirSync(`${cwd}/${prismaPaths(kind).migrations}`, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Whether the database answers and has every committed migration applied. */
export async function checkReadiness(db: Db, kind: DatabaseKind): Promise<Readiness> {
  let applied: { migration_name: string }[];
  try {
    applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL',
    );
  } catch (error) {
    // A reachable database without the migrations table has nothing applied yet.
    if (/_prisma_migrations/.test(error instanceof Error ? error.message : "")) {
      return { ready: false, reason: "migrations_pending", pending: committedMigrations(kind) };
    }
    return { ready: false, reason: "database_unreachable" };
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = committedMigrations(kind).filter((name) => !done.has(name));
  return pending.length ? { ready: false, reason: "migrations_pending", pending } : { ready: true, migrations: done.size };
}
