import { expect, type Locator, type Page } from "@playwright/test";

/** The admin home: four cards and two activity charts. */
export class HomePage {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId("admin-home");
  }

  card(key: "users" | "activeSessions" | "signInsToday" | "failedSignInsToday"): Locator {
    return this.root.getByTestId(`stat-${key}`);
  }

  chart(which: "24h" | "30d"): Locator {
    return this.root.getByTestId(`chart-${which}`);
  }

  async goto() {
    await this.page.getByRole("menuitem", { name: "Home", exact: true }).click();
    await expect(this.root).toBeVisible();
  }

  /** The chart's bars; a zero-height bar is not visible, so a visible one means data. */
  bars(which: "24h" | "30d"): Locator {
    return this.chart(which).locator("svg .MuiBarChart-element");
  }
}
