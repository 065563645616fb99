import path from "node:path";
import type { DatabaseKind } from "../database-kind";

/** The SQLite file a `file:` URL names, resolved against the working directory. */
export function sqliteFilePath(databaseUrl: string, cwd = process.cwd()): string {
  if (!databaseUrl.startsWith("file:")) throw new Error("DATABASE_URL must be a file: URL");
  // turbopackIgnore: the database file (and its -wal, -shm) is runtime data the dev server must not watch.
  return path.resolve(/* turbopackIgnore: true */ cwd, databaseUrl.slice("file:".length));
}

/** Where each engine keeps its schema and its committed migrations. */
export function prismaPaths(kind: DatabaseKind): { schema: string; migrations: string } {
  const dir = kind === "postgres" ? path.join("prisma", "postgres") : "prisma";
  return { schema: path.join(dir, "schema.prisma"), migrations: path.join(dir, "migrations") };
}
