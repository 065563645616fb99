import { expect, type Locator, type Page, test } from "@playwright/test";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { scanApiRoutes } from "../lib/http/api-routes.mjs";
import { users } from "./fixtures";
import { AppShell } from "./pages/AppShell";
import { InvoiceListPage } from "./pages/InvoiceListPage";
import { LoginPage } from "./pages/LoginPage";
import { runNodeTool, startServer, stopServer, waitUntilServing } from "./support/server";
import { settings } from "./support/settings";

/**
 * `npm run dev` as a person runs it: its database in `.data/` inside the project, where the
 * default one lives, and short-lived tokens so the page writes to it often. The first
 * compile is slow and gets generous time; behaviour gets none beyond the usual.
 */
const ROOT = path.resolve(__dirname, "..");
const port = settings.port + 5;
const origin = `http://localhost:${port}`;
const accessTtlSeconds = 5;
const database = path.join(".data", `e2e-dev-${process.pid}-${randomBytes(3).toString("hex")}.db`);
const logFile = path.join(settings.outputDir, "dev-server.log");
const COMPILE_MS = 10 * 60_000;

test.use({ baseURL: origin });
test.describe.configure({ mode: "serial" });
// Development React renders slower than a production build; it is not waiting for compiles.
test.describe.configure({ timeout: 5 * 60_000 });

let server: ChildProcess | undefined;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(2 * COMPILE_MS + 2 * 60_000);
  const settingsOfDev: Record<string, string | undefined> = {
    ...process.env,
    DATABASE_URL: `file:./${database}`,
    JWT_SECRET: randomBytes(48).toString("base64url"),
    ACCESS_TOKEN_TTL_SECONDS: String(accessTtlSeconds),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete settingsOfDev.NODE_ENV; // development, as npm run dev
  const env = settingsOfDev as NodeJS.ProcessEnv;
  runNodeTool(["node_modules/prisma/build/index.js", "migrate", "deploy"], env, logFile, "dev: prisma migrate deploy");
  runNodeTool(["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], env, logFile, "dev: seed");
  server = startServer(port, env, logFile, ["--dev"]);
  await waitUntilServing(`${origin}/api/health`, server, logFile, COMPILE_MS);
  // Compile the page and every API route now, so no test below waits for a compiler.
  const warmUps = [{ route: "/admin", methods: ["GET"] }, ...scanApiRoutes(path.join(ROOT, "app"))];
  for (const { route, methods } of warmUps) {
    const url = origin + route.replace(/\[[^\]]+\]/g, "1");
    await fetch(url, { method: methods[0] === "GET" ? "GET" : "POST", signal: AbortSignal.timeout(COMPILE_MS) });
  }
  // The page's own chunks are compiled when a browser first asks for them, not by the fetch above.
  const page = await browser.newPage();
  await page.goto(`${origin}/admin#/login`, { timeout: COMPILE_MS });
  await expect(page.getByTestId("login-form")).toBeVisible({ timeout: COMPILE_MS });
  await page.close();
});

test.afterAll(async () => {
  if (server) await stopServer(server);
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(path.join(ROOT, database + suffix), { force: true });
});

/** Every console error and warning and every uncaught exception of the page. */
function consoleProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
  });
  return problems;
}

async function signIn(page: Page, user: { username: string; password: string }) {
  const login = new LoginPage(page);
  await login.goto();
  await login.signIn(user.username, user.password);
  await expect(page).toHaveURL(/#\/$/);
}

function logSize(): number {
  return statSync(logFile).size;
}

function logSince(offset: number): string {
  return readFileSync(logFile, "utf8").slice(offset);
}

test("signed in, a minute of token refreshes writes to .data/ and the page never reloads", async ({ page }) => {
  test.setTimeout(3 * 60_000);
  let loads = 0;
  let refreshes = 0;
  page.on("load", () => loads++);
  page.on("response", (response) => {
    if (new URL(response.url()).pathname === "/api/auth/refresh-token" && response.status() === 200) refreshes++;
  });
  const problems = consoleProblems(page);
  await signIn(page, users.admin);
  const offset = logSize();

  // What this test is about: a minute of an open dashboard, its tokens renewed every few seconds.
  await page.waitForTimeout(60_000);

  expect(refreshes, "refreshes in the minute").toBeGreaterThanOrEqual(60 / accessTtlSeconds - 2);
  expect(loads, "page loads").toBe(1);
  const log = logSince(offset);
  expect(log.match(/^.*(Compil|GET \/admin\b).*$/gm) ?? [], "recompiles or page loads in the server log").toEqual([]);
  expect(problems).toEqual([]);
});

test("every screen, for an admin and for a plain user, without a console error or warning", async ({ page }) => {
  const problems = consoleProblems(page);
  const shell = new AppShell(page);
  const invoices = new InvoiceListPage(page);
  const main = page.locator("main");
  await signIn(page, users.admin);
  await expect(page.getByTestId("stat-users")).toContainText(/\d/);
  const screens: [string, () => Promise<void>][] = [
    ["invoices", async () => {
      await shell.openFromMenu("Invoices");
      await invoices.expectLoaded();
      await invoices.openFirst();
      await expect(page).toHaveURL(/\/invoices\/\d+\/show$/);
      await page.getByRole("link", { name: "Edit" }).click();
      await expect(main.locator("form")).toBeVisible();
      await page.goto("/admin#/invoices/create");
      await expect(main.locator("form")).toBeVisible();
    }],
    ["users", async () => {
      await shell.openFromMenu("Users");
      await page.getByRole("link", { name: new RegExp(`^${users.user.username}\\b`) }).first().click();
      await expect(page).toHaveURL(/\/users\/\d+\/show$/);
      await page.getByRole("tab", { name: "Sessions" }).click();
      await page.getByRole("tab", { name: "Recent events" }).click();
      await expect(main.locator("table tbody tr").first().or(main.getByText(/^No .* found$/))).toBeVisible();
      await page.getByRole("link", { name: "Edit" }).click();
      await expect(main.locator("form")).toBeVisible();
      await page.goto("/admin#/users/create");
      await expect(main.locator("form")).toBeVisible();
    }],
    ["all sessions", async () => {
      await shell.openFromMenu("All sessions");
      await expect(page.getByTestId("session-device").first()).toBeVisible();
    }],
    ["audit log", async () => {
      await shell.openFromMenu("Audit log");
      await expect(page.getByTestId("audit-event").first()).toBeVisible();
    }],
    ["devices and profile", async () => {
      await shell.openFromMenu("Your devices");
      await expect(page.getByTestId("this-device")).toBeVisible();
      await shell.openFromMenu("Profile");
      await expect(page.getByLabel("Current password")).toBeVisible();
      await shell.openAccountMenu();
      await page.keyboard.press("Escape");
    }],
  ];
  for (const [name, visit] of screens) {
    await test.step(name, visit);
    expect.soft(problems.splice(0), `console on ${name}`).toEqual([]);
  }

  await shell.signOut();
  await signIn(page, users.user);
  await expect(page.getByTestId("this-device")).toBeVisible();
  await shell.openFromMenu("Invoices");
  await invoices.expectLoaded();
  // The admin's list may still be on screen for a moment: wait for the user's own (no owner column).
  await expect(page.locator("table thead th").filter({ hasText: "Owner" })).toHaveCount(0);
  await expect(async () => {
    await invoices.openFirst();
    await expect(page).toHaveURL(/\/invoices\/\d+\/show$/, { timeout: 2_000 });
  }).toPass();
  for (const resource of ["users", "sessions", "audit-events"]) {
    await page.goto(`/admin#/${resource}`);
    await expect(page.getByText("Access denied", { exact: true })).toBeVisible();
  }
  expect(problems, "console as a plain user").toEqual([]);
});

/** The toolbar's buttons that the indicator's box overlaps, by their text. */
async function coveredActions(toolbar: Locator, indicator: Locator): Promise<string[]> {
  const covered = await indicator.boundingBox();
  if (!covered) return ["(the indicator is not on screen)"];
  const names: string[] = [];
  for (const action of await toolbar.getByRole("button").all()) {
    const box = await action.boundingBox();
    const overlaps = !!box && box.x < covered.x + covered.width && covered.x < box.x + box.width && box.y < covered.y + covered.height && covered.y < box.y + box.height;
    if (overlaps) names.push((await action.textContent()) || (await action.getAttribute("aria-label")) || "?");
  }
  return names;
}

test.describe("on a phone", { tag: "@phone" }, () => {
  // The phone's width in either project, so the forms use their sticky phone toolbar.
  test.use({ viewport: { width: 390, height: 844 } });
  test("Next's development indicator leaves the forms' Save and Delete uncovered", async ({ page }) => {
    await signIn(page, users.admin);
    const indicator = page.locator("#devtools-indicator");
    await expect(indicator).toBeVisible();
    for (const form of ["invoices/create", "invoices/1", "users/create", "users/1"]) {
      await page.goto(`/admin#/${form}`);
      const toolbar = page.locator(".RaToolbar-mobileToolbar");
      await expect(toolbar.getByRole("button", { name: "Save" })).toBeVisible();
      // Measured once the toolbar has settled into its phone layout.
      await expect.poll(() => coveredActions(toolbar, indicator), { message: `${form}: actions under the indicator` }).toEqual([]);
    }
  });
});
