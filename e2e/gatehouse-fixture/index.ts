/**
 * Playwright fixtures for testing an app behind Gatehouse, whose refresh cookie rotates on
 * every use. Copy this folder into your project (it imports nothing but @playwright/test and
 * Node) or import it. The why, the rules for tests and the settings are in Gatehouse's
 * docs/testing.md.
 *
 *   import { gatehouseTest } from "./gatehouse-fixture";
 *   export const test = gatehouseTest({ accounts: { admin: { username: "ci-admin", password: process.env.CI_ADMIN_PASSWORD! } } });
 *
 *   test("an admin sees the users", async ({ asAdmin: page }) => {
 *     await page.goto("/admin#/users");
 *   });
 */
import { randomBytes } from "node:crypto";
import { test as base, type Page, type PlaywrightWorkerArgs, type WorkerFixture } from "@playwright/test";
import { AdminApi, type WorkerUser } from "./admin-api";
import { holdLogin } from "./handover";
import { type Account, type Endpoint, SharedLogin } from "./shared-login";

export type { Account, WorkerUser };
export { AdminApi };

export interface GatehouseOptions {
  /** Existing accounts to sign in as. `admin` also creates and deletes the per-worker users. */
  accounts: { admin?: Account; user?: Account };
  /** Gatehouse's origin; by default the project's `use.baseURL`. */
  baseURL?: string;
  /** Where Gatehouse's token endpoints live; `/api/auth` by default. */
  authPath?: string;
  /** Per-worker users: their username prefix (default `e2e-worker`) and role (default `user`). */
  workerUsers?: { prefix?: string; role?: WorkerUser["role"] };
}

export interface GatehouseFixtures {
  /** A page, in a context of its own, signed in as `accounts.admin` on the worker's one admin login. */
  asAdmin: Page;
  /** The same for `accounts.user`. */
  asUser: Page;
  /** The same for this worker's own user (see `workerUser`). */
  asWorkerUser: Page;
}

export interface GatehouseWorkerFixtures {
  /** A user of this worker's own, created through the admin API on first use and deleted when the worker ends. */
  workerUser: WorkerUser;
  /** The admin API on a login of its own, for test data. */
  adminApi: AdminApi;
}

interface Internal {
  gatehouseAdminLogin: SharedLogin;
  gatehouseUserLogin: SharedLogin;
  gatehouseWorkerUserLogin: SharedLogin;
}

type WorkerLogin = [WorkerFixture<SharedLogin, PlaywrightWorkerArgs>, { scope: "worker"; box: true }];

/** `test` with the fixtures above: one sign-in per worker and account, through the API, never the login form. */
export function gatehouseTest(options: GatehouseOptions) {
  const endpointFor = (projectBaseURL: string | undefined): Endpoint => {
    const baseURL = options.baseURL ?? projectBaseURL;
    if (!baseURL) throw new Error("Gatehouse fixture: set use.baseURL in the Playwright config, or baseURL in gatehouseTest()");
    return { baseURL, authPath: options.authPath ?? "/api/auth" };
  };
  const account = (role: "admin" | "user"): Account => {
    const found = options.accounts[role];
    if (!found) throw new Error(`Gatehouse fixture: accounts.${role} is needed for this fixture`);
    return found;
  };
  const workerLogin = (role: "admin" | "user"): WorkerLogin => [
    async ({ playwright }, provide, workerInfo) => {
      const login = new SharedLogin(playwright.request, endpointFor(workerInfo.project.use.baseURL), account(role));
      await provide(login);
      await login.signOut();
    },
    { scope: "worker", box: true },
  ];

  return base.extend<GatehouseFixtures, GatehouseWorkerFixtures & Internal>({
    gatehouseAdminLogin: workerLogin("admin"),
    gatehouseUserLogin: workerLogin("user"),

    adminApi: [
      async ({ playwright }, provide, workerInfo) => {
        const endpoint = endpointFor(workerInfo.project.use.baseURL);
        const api = new AdminApi(playwright.request, endpoint, new SharedLogin(playwright.request, endpoint, account("admin")));
        await provide(api);
        await api.close();
      },
      { scope: "worker" },
    ],

    workerUser: [
      async ({ adminApi }, provide, workerInfo) => {
        const username = `${options.workerUsers?.prefix ?? "e2e-worker"}-${workerInfo.workerIndex}-${randomBytes(4).toString("hex")}`;
        const password = randomBytes(18).toString("base64url");
        const user = await adminApi.createUser({ username, password, fullName: `Worker ${workerInfo.workerIndex}`, role: options.workerUsers?.role ?? "user" });
        await provide(user);
        await adminApi.deleteUser(user.id);
      },
      { scope: "worker" },
    ],

    gatehouseWorkerUserLogin: [
      async ({ playwright, workerUser }, provide, workerInfo) => {
        const login = new SharedLogin(playwright.request, endpointFor(workerInfo.project.use.baseURL), workerUser);
        await provide(login);
        await login.signOut();
      },
      { scope: "worker", box: true },
    ],

    asAdmin: async ({ browser, gatehouseAdminLogin }, provide, testInfo) => holdLogin(browser, gatehouseAdminLogin, testInfo, provide),
    asUser: async ({ browser, gatehouseUserLogin }, provide, testInfo) => holdLogin(browser, gatehouseUserLogin, testInfo, provide),
    asWorkerUser: async ({ browser, gatehouseWorkerUserLogin }, provide, testInfo) => holdLogin(browser, gatehouseWorkerUserLogin, testInfo, provide),
  });
}
