import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * A person who clones the project has only the repository: no file may send them to a
 * sibling folder or to a design page that is not in it. The patterns are built from pieces
 * so this file does not name what it looks for.
 */
const root = path.resolve(__dirname, "..");
const SKIPPED = new Set([".git", "node_modules", ".next", ".data", "test-results", "playwright-report", "coverage", "ci-logs", "generated"]);
const BINARY = /\.(png|ico|jpe?g|gif|woff2?|db)$/i;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : BINARY.test(entry.name) ? [] : [full];
  });
}

describe("the repository stands on its own", () => {
  it("has no file that points outside it", () => {
    const all = files(root);
    const design = ["DESIGN", "md"].join(".");
    const outside = [new RegExp(`\\.\\./${"shared"}\\b`), ...(all.some((file) => path.basename(file) === design) ? [] : [new RegExp(`\\b${design.replace(".", "\\.")}\\b`)])];
    const offenders = all.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return outside.filter((pattern) => pattern.test(text)).map((pattern) => `${path.relative(root, file)}: ${pattern}`);
    });
    expect(all.length).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});
