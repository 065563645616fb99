import { expect, type Locator, type Page } from "@playwright/test";

export class LoginPage {
  readonly form: Locator;
  readonly error: Locator;
  readonly sessionEnded: Locator;
  readonly lockout: Locator;
  readonly lockoutSeconds: Locator;
  readonly submit: Locator;
  readonly passkeyButton: Locator;
  readonly passkeyNotice: Locator;

  constructor(private readonly page: Page) {
    this.form = page.getByTestId("login-form");
    this.error = page.getByTestId("login-error");
    this.sessionEnded = page.getByTestId("session-ended");
    this.lockout = page.getByTestId("lockout-notice");
    this.lockoutSeconds = page.getByTestId("lockout-seconds");
    // Exact: "Sign in with a passkey" sits in the same form.
    this.submit = this.form.getByRole("button", { name: "Sign in", exact: true });
    this.passkeyButton = this.form.getByRole("button", { name: "Sign in with a passkey" });
    this.passkeyNotice = page.getByTestId("passkey-notice");
  }

  async goto() {
    await this.page.goto("/admin#/login");
    await expect(this.form).toBeVisible();
  }

  /** The product's name, one heading and a main landmark holding the form. */
  async expectLandmarks() {
    await expect(this.page.getByRole("main")).toContainText("Gatehouse");
    await expect(this.page.getByRole("heading", { level: 1 })).toHaveText("Sign in to the dashboard");
    await expect(this.page.getByRole("main").getByTestId("login-form")).toBeVisible();
  }

  async signIn(username: string, password: string) {
    await this.form.getByLabel("Username").fill(username);
    await this.form.getByLabel("Password").fill(password);
    await this.submit.click();
  }
}
