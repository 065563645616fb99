// Writes prisma/postgres/schema.prisma from prisma/schema.prisma, the one schema source.
// Only the datasource and the client's output differ; `--check` fails when the copy is stale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgres", "schema.prisma");

const HEADER = `// GENERATED from prisma/schema.prisma by \`npm run db:schema:postgres\`. Do not edit:
// change prisma/schema.prisma and run the script again (CI fails while this copy is stale).
`;

export function postgresSchema(sqliteSchema) {
  const datasource = /datasource db \{[^}]*\}/;
  const generator = /generator client \{[^}]*\}/;
  if (!datasource.test(sqliteSchema) || !generator.test(sqliteSchema)) {
    throw new Error("prisma/schema.prisma must have `generator client { … }` and `datasource db { … }` blocks");
  }
  return (
    HEADER +
    sqliteSchema
      .replace(generator, (block) => block.replace(/\n\}$/, '\n  output     = "../../lib/db/generated/postgres"\n}'))
      .replace(datasource, 'datasource db {\n  provider = "postgresql"\n  url      = env("POSTGRES_SCHEMA_URL")\n}')
  );
}

const wanted = postgresSchema(readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(target, "utf8");
  } catch {
    // missing counts as stale
  }
  if (current !== wanted) {
    console.error("prisma/postgres/schema.prisma is stale: run `npm run db:schema:postgres` and commit the result.");
    process.exit(1);
  }
  console.log("prisma/postgres/schema.prisma matches prisma/schema.prisma.");
} else {
  writeFileSync(target, wanted);
  console.log("Wrote prisma/postgres/schema.prisma.");
}
