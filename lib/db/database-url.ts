import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./.data/gatehouse.db";

/** The SQLite file a `file:` URL names, resolved against the working directory. */
export function sqliteFilePath(databaseUrl: string, cwd = process.cwd()): string {
  if (!databaseUrl.startsWith("file:")) throw new Error("DATABASE_URL must be a file: URL");
  return path.resolve(cwd, databaseUrl.slice("file:".length));
}
