import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const next = { group: ["next", "next/*"], message: "lib/auth is framework-free (see the README, Layout)." };
const http = { group: ["**/lib/http", "**/lib/http/*", "**/http/*", "**/lib/server", "**/lib/server/*", "**/server/*"], message: "lib/auth must not depend on the HTTP layer; errors live in lib/errors." };
const storage = { group: ["**/lib/db", "**/lib/db/*", "**/db/*", "**/lib/auth", "**/lib/auth/*", "**/auth/*"], message: "The browser side talks to the server over HTTP only; share types through lib/contracts." };
const portable = { group: ["../*", "@/*"], message: "e2e/gatehouse-fixture is copied into other projects: it imports only @playwright/test, Node and its own files." };
const dbToHttp = { group: ["**/lib/http", "**/lib/http/*", "**/http/*"], message: "Storage does not know about HTTP." };

// The boundaries the README's Layout section describes: the core depends on interfaces, storage implements them.
const boundaries = [
  { files: ["lib/auth/**/*.ts"], ignores: ["**/*.test.ts"], rules: { "no-restricted-imports": ["error", { patterns: [next, http] }] } },
  { files: ["lib/admin/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"], rules: { "no-restricted-imports": ["error", { patterns: [storage] }] } },
  { files: ["lib/db/**/*.ts"], rules: { "no-restricted-imports": ["error", { patterns: [dbToHttp] }] } },
  { files: ["e2e/gatehouse-fixture/**/*.ts"], rules: { "no-restricted-imports": ["error", { patterns: [portable] }] } },
];

const config = [
  ...nextVitals,
  ...nextTs,
  ...boundaries,
  { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "ci-logs/**", "next-env.d.ts", "lib/db/generated/**"] },
];

export default config;
