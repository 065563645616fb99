import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { codeSpans, headingAnchors, linkTargets } from "./markdown";

/**
 * The README and docs/ are the map a newcomer has: every relative link, every #anchor and
 * every repository path they name in backticks must lead somewhere in this checkout, and so
 * must every docs/*.md reference the code makes.
 */
const ROOT = path.resolve(__dirname, "..");
const DOCS = path.join(ROOT, "docs");
const pages = ["README.md", ...readdirSync(DOCS).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];

// Made by running things, never committed: a path under one of these is not the repository's.
const GENERATED = new Set(["node_modules", ".git", ".next", ".data", "test-results", "playwright-report", "coverage", "ci-logs"]);
const TOP_LEVEL = new Set(readdirSync(ROOT).filter((name) => !GENERATED.has(name)));

const read = (page: string) => readFileSync(path.join(ROOT, page), "utf8");
const anchorsOf = new Map<string, string[]>();
const anchors = (page: string) => {
  if (!anchorsOf.has(page)) anchorsOf.set(page, headingAnchors(read(page)));
  return anchorsOf.get(page)!;
};

/** What is wrong with a link from `page` to `target`, or null when it resolves. */
function brokenLink(page: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null;
  const [file, anchor] = target.split("#", 2) as [string, string | undefined];
  const resolved = file === "" ? page : path.normalize(path.join(path.dirname(page), decodeURIComponent(file)));
  if (resolved.startsWith("..") || path.isAbsolute(resolved)) return `${target} leaves the repository`;
  if (!existsSync(path.join(ROOT, resolved))) return `${target}: no ${resolved}`;
  if (anchor === undefined) return null;
  if (!resolved.endsWith(".md")) return `${target}: an anchor into a file that is not Markdown`;
  return anchors(resolved).includes(anchor) ? null : `${target}: no heading #${anchor} in ${resolved}`;
}

/** A code span that names a path in this repository: it starts with one of its top-level entries. */
function repositoryPath(span: string): string | null {
  if (/[\s*<>{}…]/.test(span)) return null;
  const candidate = span.replace(/^\.\//, "");
  const top = candidate.split("/")[0]!;
  if (!TOP_LEVEL.has(top)) return null;
  if (candidate === top && !/\.\w+$/.test(top) && !candidate.startsWith(".")) return null;
  return candidate;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (GENERATED.has(entry.name) || entry.name === "generated") return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|cts|mjs|cjs|js|sh)$/.test(entry.name) ? [full] : [];
  });
}

describe("the documentation's links", () => {
  it("reads every page, and finds the links in them", () => {
    expect(pages).toEqual(expect.arrayContaining(["README.md", "docs/architecture.md", "docs/testing.md"]));
    expect(pages.flatMap((page) => linkTargets(read(page))).length).toBeGreaterThan(50);
  });

  for (const page of pages) {
    it(`${page}: every relative link and #anchor resolves`, () => {
      const targets = linkTargets(read(page));
      expect(targets.map((target) => brokenLink(page, target)).filter(Boolean)).toEqual([]);
    });

    it(`${page}: every backticked repository path exists`, () => {
      const paths = codeSpans(read(page)).flatMap((span) => repositoryPath(span) ?? []);
      const missing = paths.filter((named) => !existsSync(path.join(ROOT, named)));
      expect(missing).toEqual([]);
    });
  }

  it("every docs/*.md reference in the code leads to a page and heading that exist", () => {
    const files = [...["app", "components", "lib", "e2e", "scripts", "tests"].flatMap((dir) => sourceFiles(path.join(ROOT, dir))), path.join(ROOT, "server.mjs"), path.join(ROOT, "eslint.config.mjs")];
    const broken = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bdocs\/([\w-]+\.md)(#[\w-]+)?(?![\w$#{-])/g)].flatMap((match) => {
        const problem = brokenLink("README.md", `docs/${match[1]}${match[2] ?? ""}`);
        return problem ? [`${path.relative(ROOT, file)}: ${problem}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it("knows a broken link, a missing anchor and a missing path when it sees one", () => {
    expect(brokenLink("README.md", "docs/architecture.md#zone-core")).toBeNull();
    expect(brokenLink("README.md", "docs/nowhere.md")).toMatch(/no docs\/nowhere\.md/);
    expect(brokenLink("docs/tokens.md", "architecture.md#no-such-heading")).toMatch(/no heading/);
    expect(brokenLink("docs/tokens.md", "../../outside.md")).toMatch(/leaves the repository/);
    expect(repositoryPath("lib/auth/storage.ts")).toBe("lib/auth/storage.ts");
    expect(repositoryPath("app/api/**/route.ts")).toBeNull();
    expect(repositoryPath("npm run dev")).toBeNull();
    expect(statSync(path.join(ROOT, "lib", "auth")).isDirectory()).toBe(true);
  });
});
