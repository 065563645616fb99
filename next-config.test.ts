import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Asks Next's own telemetry whether it is off, in a fresh process whose environment does not
 * switch it off, before and after Next loads this project's config (as build, dev and start
 * do before their telemetry starts). Next keeps its telemetry settings under the user's
 * config folder, so the child gets an empty one of its own.
 */
const probe = `
const next = (module) => require(require.resolve(module, { paths: [process.cwd()] }));
const loadConfig = next("next/dist/server/config").default;
const { Telemetry } = next("next/dist/telemetry/storage");
const { PHASE_PRODUCTION_BUILD } = next("next/dist/shared/lib/constants");
const disabled = () => new Telemetry({ distDir: process.env.PROBE_DIST_DIR }).isDisabled;
(async () => {
  const before = disabled();
  await loadConfig(PHASE_PRODUCTION_BUILD, process.cwd(), { silent: true });
  console.log(JSON.stringify({ before, after: disabled() }));
})();
`;

describe("Next.js telemetry", () => {
  it("is switched off by the project's own config, whoever runs Next and whatever their environment", () => {
    const scratch = mkdtempSync(path.join(os.tmpdir(), "gatehouse-telemetry-"));
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("NEXT_TELEMETRY"))) as NodeJS.ProcessEnv;
    const child = spawnSync(process.execPath, ["-e", probe], {
      cwd: __dirname,
      env: { ...env, XDG_CONFIG_HOME: scratch, PROBE_DIST_DIR: path.join(scratch, ".next") },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(child.status, child.stderr).toBe(0);
    const answer = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { before: boolean; after: boolean };
    // On by default in this environment, so the config is what turns it off.
    expect(answer).toEqual({ before: false, after: true });
  });
});
