import { builtinRules } from "eslint/use-at-your-own-risk";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The zones of docs/architecture.md ("The zones ESLint enforces"): which layer may import which.
// Each zone is its own rule (`zones/<name>`), so a violation names the zone it broke and one zone
// can be taken out on its own (scripts/eslint-zones.test.ts proves each one catches a violation).

const WHY = "docs/architecture.md";

// An import of one of this repository's layers, in the alias form ("@/lib/db/x") or a relative one
// ("../db/x", "../../lib/db/x"). Matching the import text keeps the rule free of a resolver.
const layer = (names) => `^(?:@/|(?:\\.{1,2}/)+)(?:lib/)?(?:${names})(?:/|$)`;

const forbid = {
  next: { regex: "^next(?:/|$)", what: "Next.js" },
  prisma: { regex: "^(?:@prisma/|\\.prisma/|better-sqlite3$|pg$)|(?:^|/)generated(?:/|$)", what: "Prisma, its generated clients or a database driver" },
  db: { regex: layer("db"), what: "lib/db" },
  http: { regex: layer("http"), what: "lib/http" },
  server: { regex: layer("server|log|process"), what: "lib/server, lib/log or lib/process" },
  env: { regex: "^(?:@/|(?:\\.{1,2}/)+)(?:lib/)?env(?:\\.ts)?(?:/|$)", what: "lib/env" },
  core: { regex: layer("auth"), what: "lib/auth" },
};

const refuse = (target, why, anchor) => ({ regex: target.regex, message: `${why} (${WHY}#${anchor}).`.replace("%s", target.what) });

const PRODUCTION = ["**/*.test.ts"];

export const zones = [
  {
    name: "core",
    files: ["lib/auth/**/*.ts", "lib/invoices/**/*.ts"],
    ignores: PRODUCTION,
    patterns: [forbid.next, forbid.prisma, forbid.db, forbid.http, forbid.server, forbid.env].map((target) =>
      refuse(target, "The core (lib/auth, and lib/invoices' port) is framework-free: it declares ports and takes a plain config, so it imports no %s", "zone-core"),
    ),
  },
  {
    name: "http",
    files: ["lib/http/**/*.{ts,mts,cts,mjs,cjs}"],
    ignores: PRODUCTION,
    patterns: [forbid.core, forbid.server].map((target) =>
      refuse(target, "lib/http maps error kinds to responses and is handed what it logs with, so it imports no %s", "zone-http"),
    ),
  },
  {
    name: "contracts",
    files: ["lib/contracts/**/*.ts"],
    ignores: PRODUCTION,
    patterns: [
      {
        regex: "^(?!zod(?:/|$)|\\./|\\.\\./contracts/|@/lib/contracts/)",
        message: `lib/contracts is shared by the server and the browser: it imports only zod and other contracts (${WHY}#zone-contracts).`,
      },
    ],
  },
  {
    name: "routes",
    files: ["app/api/**/*.ts"],
    ignores: PRODUCTION,
    patterns: [forbid.db, forbid.prisma].map((target) =>
      refuse(target, "Route handlers are thin: they reach storage through lib/server's context, never %s", "zone-routes"),
    ),
  },
  {
    name: "browser",
    files: ["components/**/*.{ts,tsx}", "lib/admin/**/*.{ts,tsx}"],
    patterns: [forbid.core, forbid.db, forbid.prisma, forbid.server].map((target) =>
      refuse(target, "The browser side talks to the server over HTTP only and shares types through lib/contracts, never %s", "zone-browser"),
    ),
  },
  {
    name: "storage",
    files: ["lib/db/**/*.ts"],
    patterns: [refuse(forbid.http, "Storage implements the core's ports and knows nothing of HTTP: no %s", "zone-storage")],
  },
  {
    name: "env",
    files: ["lib/env.ts", "lib/env/**/*.ts"],
    patterns: [refuse(forbid.db, "lib/env reads settings and nothing else: the database URL's kind lives beside it, not in %s", "zone-env")],
  },
  {
    name: "fixture",
    files: ["e2e/gatehouse-fixture/**/*.ts"],
    patterns: [
      {
        regex: "^(?:\\.\\./|@/)",
        message: `e2e/gatehouse-fixture is copied into other projects: it imports only @playwright/test, Node and its own files (${WHY}#zone-fixture).`,
      },
    ],
  },
];

// Every zone is `no-restricted-imports` under its own name, registered whether or not its zone is on.
const zonesPlugin = { rules: Object.fromEntries(zones.map((zone) => [zone.name, builtinRules.get("no-restricted-imports")])) };

export function zoneConfigs(enabled) {
  return [
    { plugins: { zones: zonesPlugin } },
    ...enabled.map((zone) => ({
      files: zone.files,
      ...(zone.ignores ? { ignores: zone.ignores } : {}),
      rules: { [`zones/${zone.name}`]: ["error", { patterns: zone.patterns }] },
    })),
  ];
}

export function gatehouseConfig(enabled = zones) {
  return [
    ...nextVitals,
    ...nextTs,
    ...zoneConfigs(enabled),
    { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "ci-logs/**", "next-env.d.ts", "lib/db/generated/**"] },
  ];
}

export default gatehouseConfig();
