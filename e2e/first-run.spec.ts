import { expect, test } from "./fixtures";

test.describe("first run", { tag: "@phone" }, () => {
  test("the page names its icons, every one of them loads, and nothing on the way answers 404", async ({ first, request }) => {
    const { page } = first;
    const missing: string[] = [];
    page.on("response", (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    await first.login.goto();
    const icons = await page.locator('link[rel="icon"], link[rel="apple-touch-icon"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    expect(icons.length).toBeGreaterThanOrEqual(2);
    for (const href of [...icons, "/favicon.ico"]) {
      const response = await request.get(href);
      expect(response.status(), href).toBe(200);
      expect(response.headers()["content-type"], href).toMatch(/^image\//);
    }
    expect(missing).toEqual([]);
  });

  test("a loading shell shows while the dashboard's code arrives, then the login page replaces it", async ({ first, request }) => {
    const html = await (await request.get("/admin")).text();
    expect(html).toContain('data-testid="loading-shell"');

    const { page } = first;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Holds the scripts back, as a slow connection would, until the shell has been seen.
    await page.route("**/_next/static/chunks/**", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/admin", { waitUntil: "commit" });
    await expect(page.getByTestId("loading-shell")).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("Loading the dashboard…");
    release();
    await expect(first.login.form).toBeVisible();
    await expect(page.getByTestId("loading-shell")).toHaveCount(0);
  });
});
