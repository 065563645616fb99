import { expect, type Locator, type Page } from "@playwright/test";

export class AuditPage {
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.rows = page.locator("table tbody tr");
  }

  async goto() {
    await this.page.getByRole("menuitem", { name: "Audit log", exact: true }).click();
    await expect(this.page).toHaveURL(/#\/audit-events/);
    await expect(this.rows.first()).toBeVisible();
  }

  async search(text: string) {
    await this.page.getByPlaceholder("User, address or event").fill(text);
  }

  async exportCsv(): Promise<string> {
    const download = this.page.waitForEvent("download");
    await this.page.getByRole("button", { name: "Export" }).click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
}
