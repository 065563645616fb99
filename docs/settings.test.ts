import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "../lib/env";
import { proseLines } from "./markdown";

/**
 * The README's settings table lists exactly the settings the app reads: the ones lib/env.ts
 * parses and the ones the server process (server.mjs, lib/process/) reads before Next starts.
 * A setting added in code without a row, or a row left behind by a removed setting, fails here.
 */
const ROOT = path.resolve(__dirname, "..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const NAME = "[A-Z][A-Z0-9_]+";

/** The keys of lib/env.ts's schema, and any variable it reads directly. */
function envSettings(): string[] {
  const source = read("lib/env.ts");
  const keys = [...source.matchAll(new RegExp(`^\\s+(${NAME}):`, "gm"))].map((match) => match[1]!);
  return [...keys, ...processEnvReads(source)];
}

/**
 * `process.env.NAME` that is read (not assigned), and calls such as server.mjs's
 * `setting("PORT", …)` to a function of the same file that reads `process.env[its parameter]`.
 */
function processEnvReads(source: string): string[] {
  const direct = [...source.matchAll(new RegExp(`process\\.env\\.(${NAME})\\b(?!\\s*(?:\\|\\|=|\\?\\?=|=(?!=)))`, "g"))].map((match) => match[1]!);
  const readers = [...source.matchAll(/function (\w+)\((\w+)[,)][^]*?\n\}/g)]
    .filter((match) => match[0].includes(`process.env[${match[2]}]`))
    .map((match) => match[1]!);
  const named = readers.flatMap((reader) => [...source.matchAll(new RegExp(`\\b${reader}\\(\\s*"(${NAME})"`, "g"))].map((match) => match[1]!));
  return [...direct, ...named];
}

function serverSettings(): string[] {
  const processFiles = readdirSync(path.join(ROOT, "lib", "process"))
    .filter((name) => /\.(mjs|ts)$/.test(name) && !name.includes(".test."))
    .map((name) => `lib/process/${name}`);
  return ["server.mjs", ...processFiles].flatMap((file) => processEnvReads(read(file)));
}

/** The first column of the table under the README's "## Settings". */
function readmeSettings(): string[] {
  const lines = proseLines(read("README.md"));
  const start = lines.findIndex((line) => /^## Settings\s*$/.test(line));
  expect(start, "the README has a ## Settings section").toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .flatMap((line) => new RegExp(`^\\|\\s*\`(${NAME})\`\\s*\\|`).exec(line)?.[1] ?? []);
}

const unique = (names: string[]) => [...new Set(names)].sort();

describe("the README's settings table", () => {
  it("finds the settings where the code reads them", () => {
    expect(envSettings()).toEqual(expect.arrayContaining(["DATABASE_URL", "JWT_SECRET", "APP_ORIGIN"]));
    expect(serverSettings()).toEqual(expect.arrayContaining(["PORT", "TRUSTED_PROXY_HOPS", "WEB_CONCURRENCY"]));
    // Not a setting: server.mjs writes it for Next.
    expect(serverSettings()).not.toContain("NEXT_TELEMETRY_DISABLED");
  });

  it("misses none of the settings parseEnv returns", () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), "gatehouse-settings-"));
    try {
      const parsed = parseEnv({ NODE_ENV: "test", JWT_SECRET: "s".repeat(48), APP_ORIGIN: "https://admin.example.com", PASSWORD_WORKERS: "1" }, cwd);
      const returned = Object.keys(parsed).filter((key) => new RegExp(`^${NAME}$`).test(key));
      expect(returned.length).toBeGreaterThan(10);
      expect(envSettings()).toEqual(expect.arrayContaining(returned));
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("lists exactly the settings the app reads", () => {
    expect(unique(readmeSettings())).toEqual(unique([...envSettings(), ...serverSettings()]));
    expect(readmeSettings()).toHaveLength(unique(readmeSettings()).length);
  });
});
