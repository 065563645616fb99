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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Unit tests once; the integration suites once per database engine.
    projects: [
      { extends: true, test: { name: "unit", include: ["**/*.test.ts"], exclude: ["node_modules/**", "e2e/**", ".next/**", ...integration] } },
      { extends: true, test: { name: "sqlite", include: integration, env: { TEST_DATABASE: "sqlite" } } },
      { extends: true, test: { name: "postgres", include: integration, env: { TEST_DATABASE: "postgres" } } },
    ],
  },
});
