import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { settings } from "./support/settings";
import { runNodeTool, startServer, stopServer, waitUntilServing } from "./support/server";

/**
 * Builds the app for production, migrates and seeds a scratch SQLite database, starts
 * the production server (server.mjs) on it and hands the database path to the tests. Returns the teardown.
 */
export default async function globalSetup() {
  mkdirSync(settings.outputDir, { recursive: true });
  const logFile = path.join(settings.outputDir, "server.log");
  const scratch = mkdtempSync(path.join(os.tmpdir(), "gatehouse-e2e-"));
  const databasePath = path.join(scratch, "e2e.db");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: `file:${databasePath}`,
    JWT_SECRET: randomBytes(48).toString("base64url"),
    ACCESS_TOKEN_TTL_SECONDS: String(settings.accessTtlSeconds),
    APP_ORIGIN: settings.baseURL,
    // A worker's shared login lives for the whole run, longer than the default step-up window:
    // sensitive actions here must not ask. e2e/step-up.spec.ts runs a server with a short one.
    REAUTH_MAX_AGE_SECONDS: "86400",
  };

  if (!settings.skipBuild) runNodeTool(["node_modules/next/dist/bin/next", "build"], { ...env, NODE_ENV: "production" }, logFile, "next build");
  runNodeTool(["node_modules/prisma/build/index.js", "migrate", "deploy"], env, logFile, "prisma migrate deploy");
  runNodeTool(["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], env, logFile, "seed");

  const server = startServer(settings.port, { ...env, NODE_ENV: "production" }, logFile);
  try {
    await waitUntilServing(`${settings.baseURL}/api/auth/me`, server, logFile);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  process.env.E2E_DATABASE_URL = env.DATABASE_URL;

  return async () => {
    await stopServer(server);
    if (!settings.keepDatabase) rmSync(scratch, { recursive: true, force: true });
  };
}
