import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, sqliteFilePath } from "./lib/db/database-url";

// The CLI does not read .env when this file exists, and the JS schema engine needs the
// database through an adapter: that is the only way it runs offline.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const file = sqliteFilePath(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
    mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
