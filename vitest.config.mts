import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const integration = ["tests/**/*.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": path.dirname(fileURLToPath(import.meta.url)) } },
  test: {
    environment: "node",
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    globalSetup: ["tests/helpers/global-setup.ts"],
    pool: "forks",
    // Auth events are logged as JSON lines; the suites assert on the database instead.
    env: { LOG_LEVEL: "warn" },
    testTimeout: 30_000,
    // Files and the tests inside them run in a random order: each test makes what it needs.
    sequence: { shuffle: true },
    hookTimeout: 60_000,
    // Unit tests once; the integration suites once per database engine.
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: ["node_modules/**", "e2e/**", ".next/**", ...integration] } },
      { extends: true, test: { name: "sqlite", include: integration, env: { LOG_LEVEL: "warn", TEST_DATABASE: "sqlite" } } },
      { extends: true, test: { name: "postgres", include: integration, env: { LOG_LEVEL: "warn", TEST_DATABASE: "postgres" } } },
    ],
  },
});
