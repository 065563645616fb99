import { expect, test } from "@playwright/test";
import { LoginPage } from "./pages/LoginPage";

test("an anonymous visit to /admin is quiet: no console error, no failed request, no 4xx, just the login page", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
  });
  const probe = page.waitForResponse((r) => r.url().endsWith("/api/auth/refresh-token"));

  await page.goto("/admin");
  const answer = await probe;
  expect(answer.status()).toBe(204);
  expect(await answer.request().headerValue("x-session-probe")).toBe("1");
  const login = new LoginPage(page);
  await expect(login.form).toBeVisible();
  await expect(login.sessionEnded).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  expect(problems).toEqual([]);
});

test("without the dashboard's opt-in, a cookieless refresh is still the contract's 401", async ({ request }) => {
  const response = await request.post("/api/auth/refresh-token");
  expect(response.status()).toBe(401);
  expect(response.headers()["www-authenticate"]).toBe("Bearer");
  expect(await response.json()).toEqual({ detail: "The refresh token has expired or was not found.", code: "REFRESH_TOKEN_INVALID" });
});
