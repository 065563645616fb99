import { expect, type Response } from "@playwright/test";
import { gatehouseTest } from "../gatehouse-fixture";

/**
 * Fifteen tests of one worker, all as the one seeded admin, written as a project behind
 * Gatehouse would write them: the fixture signs the worker in once, through the API, and each
 * test's browser continues that login. Each test opens two tabs and outlives an access token.
 */
const test = gatehouseTest({ accounts: { admin: { username: "johndoe", password: "secret" } } });
const lifetimeMs = Number(process.env.SCALE_ACCESS_TTL_SECONDS) * 1000;
// The server's allowance for clock skew on `exp` (lib/auth/tokens/access-token.ts).
const CLOCK_TOLERANCE_MS = 5_000;

/**
 * A 401 for a token that had expired, allowance and all, before the server answered: a renderer
 * starved long enough between choosing a token and sending it (seen at load averages past 30).
 * The dashboard renews and sends again; any other 401 is a login refused, which this test forbids.
 */
async function staleTokenRefusal(response: Response): Promise<boolean> {
  if (response.status() !== 401) return false;
  const bearer = (await response.request().headerValue("authorization"))?.split(".")[1];
  const answeredAt = Date.parse((await response.headerValue("date")) ?? "");
  if (!bearer || Number.isNaN(answeredAt)) return false;
  const { exp } = JSON.parse(Buffer.from(bearer, "base64url").toString("utf8")) as { exp: number };
  // The Date header is whole seconds, so up to a second earlier than the server's clock.
  return exp * 1000 + CLOCK_TOLERANCE_MS < answeredAt + 1000;
}

export function fifteenTests(shift: string) {
  for (let n = 1; n <= 15; n++) {
    test(`${shift}, test ${n}: two tabs stay signed in past an access-token lifetime`, async ({ asAdmin: page }) => {
      expect(lifetimeMs).toBeGreaterThan(0);
      const refreshes: number[] = [];
      const refused: Promise<string | null>[] = [];
      page.context().on("response", (response) => {
        const { pathname } = new URL(response.url());
        if (pathname === "/api/auth/refresh-token") refreshes.push(response.status());
        else if (pathname.startsWith("/api/") && response.status() >= 400) {
          refused.push(staleTokenRefusal(response).then((stale) => (stale ? null : `${response.status()} ${pathname}`)));
        }
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
      expect((await Promise.all(refused)).filter(Boolean)).toEqual([]);
    });
  }
}
