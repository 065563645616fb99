import type { Page } from "@playwright/test";

type Watched = Window & { __e2eLoginSeen?: (where: string) => void };

/**
 * Notices every moment a page shows the login route or form, however briefly: a
 * MutationObserver and a history hook installed before the app's own scripts run.
 */
export class LoginWatch {
  private sightings: { at: number; where: string }[] = [];

  static async attach(page: Page): Promise<LoginWatch> {
    const watch = new LoginWatch();
    await page.exposeBinding("__e2eLoginSeen", (_source, where: string) => {
      watch.sightings.push({ at: Date.now(), where });
    });
    await page.addInitScript(() => {
      const watched = window as Watched;
      const check = () => {
        if (location.hash.startsWith("#/login")) watched.__e2eLoginSeen?.(`route ${location.hash}`);
        if (document.querySelector('[data-testid="login-form"]')) watched.__e2eLoginSeen?.("form");
      };
      new MutationObserver(check).observe(document, { childList: true, subtree: true });
      window.addEventListener("hashchange", check);
      for (const method of ["pushState", "replaceState"] as const) {
        const original = history[method].bind(history);
        history[method] = (...args: Parameters<History["pushState"]>) => {
          original(...args);
          check();
        };
      }
    });
    return watch;
  }

  seenSince(since: number): { at: number; where: string }[] {
    return this.sightings.filter((s) => s.at >= since);
  }
}
