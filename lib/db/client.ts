import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@prisma/client";
import { mkdirSync } from "node:fs";
import path from "node:path";

export type Db = PrismaClient;

export function createDb(databasePath: string): Db {
  mkdirSync(path.dirname(databasePath), { recursive: true });
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databasePath }) });
}
