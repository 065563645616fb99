/** Which database a DATABASE_URL names: part of the settings, so lib/env needs nothing from lib/db. */
export const DEFAULT_DATABASE_URL = "file:./.data/gatehouse.db";

export type DatabaseKind = "sqlite" | "postgres";

/** Which database a DATABASE_URL names, or null when it names neither. */
export function databaseKind(databaseUrl: string): DatabaseKind | null {
  if (/^file:.+/.test(databaseUrl)) return "sqlite";
  if (/^postgres(ql)?:\/\/.+/.test(databaseUrl)) return "postgres";
  return null;
}
