import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, databaseKind } from "./lib/database-kind";
import { prismaPaths, sqliteFilePath } from "./lib/db/database-url";
import { readCatalogTypesAsText } from "./lib/db/engine/postgres/cli-types";

// The CLI does not read .env when this file exists, and the JS schema engine needs the
// database through an adapter: that is the only way it runs offline. DATABASE_URL picks
// the engine, its schema and its migrations folder.
const url = (process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL);
const kind = databaseKind(url);
if (!kind) throw new Error("DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)");
// The schemas name their URL through env() so the CLI reports the real database, not a
// placeholder, and sees no hard-coded URL. The CLI only checks a URL's shape; the adapter
// below is what connects. Each schema has its own variable, always of its own shape: a
// schema whose URL is missing or of the other engine's shape makes `prisma generate` fetch
// a query engine from the internet, so generating both clients (npm ci's postinstall) must
// not depend on which engine DATABASE_URL names.
process.env.SQLITE_SCHEMA_URL ||= kind === "sqlite" ? url : DEFAULT_DATABASE_URL;
process.env.POSTGRES_SCHEMA_URL ||= kind === "postgres" ? url : "postgresql://localhost/gatehouse";
// Prisma's CLI otherwise reports each run to its makers ("checkpoint"): nothing here calls out.
process.env.CHECKPOINT_DISABLE = "1";
const paths = prismaPaths(kind);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: paths.schema,
  migrations: { path: paths.migrations },
  async adapter() {
    if (kind === "postgres") {
      readCatalogTypesAsText();
      return new PrismaPg({ connectionString: url });
    }
    const file = sqliteFilePath(url);
    mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
