import { readFileSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { gatehouseConfig, zones } from "../eslint.config.mjs";
import { headingAnchors } from "../docs/markdown";

/**
 * Each zone of eslint.config.mjs catches a deliberate violation, in the alias form and the
 * relative one, and the same text goes through once that zone alone is taken out: so no zone
 * is dead, and none is shadowed by another.
 */
const ROOT = path.resolve(__dirname, "..");

type Violation = { file: string; source: string; typeOnly?: boolean };

const violations: Record<string, Violation[]> = {
  core: [
    { file: "lib/auth/sessions/zone-probe.ts", source: "next/server" },
    { file: "lib/auth/sessions/zone-probe.ts", source: "@prisma/client" },
    { file: "lib/auth/tokens/zone-probe.ts", source: "better-sqlite3" },
    { file: "lib/auth/zone-probe.ts", source: "../db/storage" },
    { file: "lib/auth/sessions/zone-probe.ts", source: "@/lib/db/engine/sqlite" },
    { file: "lib/auth/sessions/zone-probe.ts", source: "../../db/generated/postgres" },
    { file: "lib/auth/zone-probe.ts", source: "../http/respond" },
    { file: "lib/auth/passwords/zone-probe.ts", source: "@/lib/server/context" },
    { file: "lib/auth/zone-probe.ts", source: "../log/logger.mjs" },
    { file: "lib/auth/throttle/zone-probe.ts", source: "@/lib/process/shutdown.mjs" },
    { file: "lib/auth/zone-probe.ts", source: "../env" },
    { file: "lib/auth/zone-probe.ts", source: "../env", typeOnly: true },
    { file: "lib/auth/manage/zone-probe.ts", source: "@/lib/env" },
    { file: "lib/auth/manage/zone-probe.ts", source: "@/lib/env/database-url" },
  ],
  http: [
    { file: "lib/http/zone-probe.ts", source: "../auth/context" },
    { file: "lib/http/zone-probe.ts", source: "@/lib/auth/sessions/cookie" },
    { file: "lib/http/zone-probe.ts", source: "../server/logger" },
    { file: "lib/http/zone-probe.mjs", source: "../log/logger.mjs" },
  ],
  contracts: [
    { file: "lib/contracts/zone-probe.ts", source: "node:crypto" },
    { file: "lib/contracts/zone-probe.ts", source: "../db/storage" },
    { file: "lib/contracts/zone-probe.ts", source: "@/lib/auth/context" },
    { file: "lib/contracts/zone-probe.ts", source: "react" },
  ],
  routes: [
    { file: "app/api/invoices/zone-probe.ts", source: "@/lib/db/storage" },
    { file: "app/api/invoices/[id]/zone-probe.ts", source: "../../../../lib/db/engine/postgres" },
    { file: "app/api/users/zone-probe.ts", source: "@prisma/client" },
  ],
  browser: [
    { file: "components/admin/users/ZoneProbe.tsx", source: "@/lib/auth/manage/users" },
    { file: "components/admin/ZoneProbe.tsx", source: "../../lib/db/storage" },
    { file: "components/admin/home/ZoneProbe.tsx", source: "@/lib/server/context" },
    { file: "lib/admin/zone-probe.ts", source: "../auth/context" },
    { file: "lib/admin/zone-probe.ts", source: "@/lib/db/storage" },
    { file: "lib/admin/zone-probe.ts", source: "../log/logger.mjs" },
  ],
  storage: [
    { file: "lib/db/zone-probe.ts", source: "../http/respond" },
    { file: "lib/db/engine/zone-probe.ts", source: "@/lib/http/respond" },
  ],
  env: [
    { file: "lib/env.ts", source: "./db/database-url" },
    { file: "lib/env.ts", source: "@/lib/db/database-url" },
  ],
  fixture: [
    { file: "e2e/gatehouse-fixture/zone-probe.ts", source: "../support/settings" },
    { file: "e2e/gatehouse-fixture/zone-probe.ts", source: "@/lib/contracts/auth" },
  ],
};

/** Imports each zone allows, so a zone that refused everything would fail too. */
const allowed: Violation[] = [
  { file: "lib/auth/sessions/zone-probe.ts", source: "../storage" },
  { file: "lib/auth/zone-probe.ts", source: "@/lib/errors/catalog" },
  { file: "lib/auth/zone-probe.ts", source: "@/lib/contracts/auth" },
  { file: "lib/http/zone-probe.ts", source: "../errors/catalog" },
  { file: "lib/contracts/zone-probe.ts", source: "zod" },
  { file: "lib/contracts/zone-probe.ts", source: "./text" },
  { file: "lib/contracts/zone-probe.ts", source: "@/lib/contracts/text" },
  { file: "app/api/invoices/zone-probe.ts", source: "@/lib/server/route" },
  { file: "app/api/invoices/zone-probe.ts", source: "@/lib/auth/guard" },
  { file: "components/admin/ZoneProbe.tsx", source: "@/lib/contracts/users" },
  { file: "lib/db/zone-probe.ts", source: "../auth/storage" },
  { file: "lib/env.ts", source: "./database-url" },
  { file: "lib/env.ts", source: "zod" },
  { file: "lib/db/zone-probe.ts", source: "@prisma/client" },
  { file: "e2e/gatehouse-fixture/zone-probe.ts", source: "./fixture" },
  { file: "e2e/gatehouse-fixture/zone-probe.ts", source: "@playwright/test" },
];

/** A module that is clean under every other rule: the import is used, and typed nowhere. */
const moduleImporting = (source: string, typeOnly = false) =>
  typeOnly
    ? `import type { Probe } from ${JSON.stringify(source)};\n\nexport type Used = Probe;\n`
    : `import * as probe from ${JSON.stringify(source)};\n\nexport const used = probe;\n`;

async function lint(enabled: typeof zones, { file, source, typeOnly }: Violation) {
  const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: gatehouseConfig(enabled) });
  const [result] = await eslint.lintText(moduleImporting(source, typeOnly), { filePath: path.join(ROOT, file) });
  return result!.messages;
}

const anchors = headingAnchors(readFileSync(path.join(ROOT, "docs", "architecture.md"), "utf8"));

describe("the ESLint zones", () => {
  it("has a deliberate violation for every zone, and every zone a section in docs/architecture.md", () => {
    expect(Object.keys(violations).sort()).toEqual(zones.map((zone) => zone.name).sort());
    for (const zone of zones) {
      for (const pattern of zone.patterns) {
        expect(pattern.message).toContain(`docs/architecture.md#zone-${zone.name}`);
      }
      expect(anchors, zone.name).toContain(`zone-${zone.name}`);
    }
  });

  for (const zone of zones) {
    describe(`zone ${zone.name}`, () => {
      for (const violation of violations[zone.name] ?? []) {
        it(`refuses ${violation.typeOnly ? "types from " : ""}${violation.source} in ${violation.file}, and lets it through without the zone`, async () => {
          const caught = await lint(zones, violation);
          expect(caught.length).toBeGreaterThan(0);
          for (const message of caught) {
            expect(message.ruleId).toBe(`zones/${zone.name}`);
            expect(message.message).toContain(`docs/architecture.md#zone-${zone.name}`);
          }

          const without = await lint(
            zones.filter((other) => other !== zone),
            violation,
          );
          expect(without).toEqual([]);
        });
      }
    });
  }

  for (const permitted of allowed) {
    it(`allows ${permitted.source} in ${permitted.file}`, async () => {
      expect(await lint(zones, permitted)).toEqual([]);
    });
  }
});
