import { expect } from "@playwright/test";
import { gatehouseTest } from "../gatehouse-fixture";

/**
 * Fifteen tests of one worker, all as the one seeded admin, written as a project behind
 * Gatehouse would write them: the fixture signs the worker in once, through the API, and each
 * test's browser continues that login. Each test opens two tabs and outlives an access token.
 */
const test = gatehouseTest({ accounts: { admin: { username: "johndoe", password: "secret" } } });
const lifetimeMs = Number(process.env.SCALE_ACCESS_TTL_SECONDS) * 1000;

export function fifteenTests(shift: string) {
  for (let n = 1; n <= 15; n++) {
    test(`${shift}, test ${n}: two tabs stay signed in past an access-token lifetime`, async ({ asAdmin: page }) => {
      expect(lifetimeMs).toBeGreaterThan(0);
      const refreshes: number[] = [];
      const refused: string[] = [];
      page.context().on("response", (response) => {
        const { pathname } = new URL(response.url());
        if (pathname === "/api/auth/refresh-token") refreshes.push(response.status());
        else if (pathname.startsWith("/api/") && response.status() >= 400) refused.push(`${response.status()} ${pathname}`);
      });
      const rows = (tab: typeof page) => tab.locator("main table tbody tr");

      await page.goto("/admin#/invoices");
      await expect(rows(page).first()).toBeVisible();
      const second = await page.context().newPage();
      await second.goto("/admin#/users");
      await expect(rows(second).first()).toBeVisible();

      await page.waitForTimeout(lifetimeMs * 1.25);
      await page.getByRole("menuitem", { name: "Audit log", exact: true }).click();
      await expect(rows(page).first()).toBeVisible();
      const listed = second.waitForResponse((r) => new URL(r.url()).pathname === "/api/users" && r.request().method() === "GET");
      await second.getByRole("button", { name: "Refresh" }).click();
      expect((await listed).status()).toBe(200);

      for (const tab of [page, second]) await expect(tab.getByTestId("login-form")).toHaveCount(0);
      // The load's refresh, and at least one the dashboard scheduled before the token expired.
      expect(refreshes.length).toBeGreaterThanOrEqual(2);
      expect(refreshes).toEqual(refreshes.map(() => 200));
      expect(refused).toEqual([]);
    });
  }
}
