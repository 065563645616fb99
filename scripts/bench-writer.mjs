// npm run bench:writer — the writer's ceiling alone (scripts/bench/writer-ceiling.ts): the
// most rotations per second the database takes, the write path driven in-process, no HTTP.
// SQLite temp file by default, BENCH_DATABASE_URL=postgres://… for a scratch PostgreSQL
// database. WRITER_CALLERS ("1,16,256"), WRITER_SECONDS (2), WRITER_ROUNDS (3); SQLITE_SYNCHRONOUS.
import { log, machineLine, migrateAndSeed, runMain, scratchDatabase, scratchDir, serverEnv } from "./bench/harness.mjs";
import { writerCeiling, writerTable } from "./bench/writer.mjs";

await runMain(async () => {
  const dir = scratchDir();
  const database = await scratchDatabase(dir);
  const env = serverEnv(0, database.url);
  migrateAndSeed(env, 0, "");
  log("writer's ceiling: rotations through the login store, no HTTP ...");
  const rows = await writerCeiling(env);
  console.log([machineLine(database.label), "", writerTable(rows, database.label)].join("\n"));
});
