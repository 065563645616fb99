import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { preparedDatabase } from "./faults";
import { productionEnv, startServer, stopServer, waitUntilServing } from "./server";
import { settings } from "./settings";

/**
 * A production server of a spec's own, with the settings it needs, on a fresh seeded SQLite
 * file: its origin, its database, its log file (`<name>-server.log`) and a scratch directory.
 */
export async function ownServer(name: string, port: number, extra: Record<string, string>) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `gatehouse-${name}-`));
  const file = path.join(dir, `${name}.db`);
  const origin = `http://localhost:${port}`;
  const logFile = path.join(settings.outputDir, `${name}-server.log`);
  // The server appends; a spec reads only what this run wrote.
  rmSync(logFile, { force: true });
  mkdirSync(settings.outputDir, { recursive: true });
  const env = productionEnv(origin, { DATABASE_URL: `file:${file}`, ...extra });
  preparedDatabase(file, env);
  const server = startServer(port, env, logFile);
  const db = createDb(`file:${file}`);
  const stop = async () => {
    await stopServer(server);
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(`${origin}/api/health`, server, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, db, logFile, dir, stop };
}
