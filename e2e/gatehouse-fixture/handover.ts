import type { Browser, BrowserContext, Page, Request, TestInfo } from "@playwright/test";
import type { CookieState, SharedLogin } from "./shared-login";

// Longer than any one token call takes; a call held past it (a test's route that never
// answers) leaves the cookie unknown, and the next test signs in afresh instead of guessing.
const SETTLE_MS = 15_000;

/**
 * A page in a browser context of its own that starts from the login's current cookie, for one
 * test. Afterwards no new token call may start, the ones under way finish, and the cookies the
 * context ended with go back to the login, so the next test continues it rather than replaying
 * a token this one already rotated.
 */
export async function holdLogin(browser: Browser, login: SharedLogin, testInfo: TestInfo, provide: (page: Page) => Promise<void>) {
  const note = (description: string) => testInfo.annotations.push({ type: "gatehouse", description });
  const context = await browser.newContext({ storageState: await login.take(note) });
  try {
    const calls = await tokenCallsOf(context, login.endpoint.authPath);
    try {
      await provide(await context.newPage());
    } finally {
      login.giveBack(await calls.settle().catch((error: Error) => (note(`${error.message}: the next test signs in afresh`), null)));
    }
  } finally {
    await context.close();
  }
}

/**
 * Every token call of the context passes through a route before it leaves the browser, so a
 * call is either counted here or never sent: once `settle` has begun, new ones are refused,
 * and the cookies are read when the counted ones have finished. (Watching the context's
 * request events instead would miss a call sent a moment before the events arrive.)
 */
async function tokenCallsOf(context: BrowserContext, authPath: string) {
  const underWay = new Set<Request>();
  const drained = new Set<() => void>();
  let settling = false;
  let closed = false;
  const answered = (request: Request) => {
    if (!underWay.delete(request) || underWay.size > 0) return;
    for (const resolve of drained) resolve();
  };
  context.on("close", () => (closed = true));
  // A glob, so the browser itself picks out the token calls and nothing else waits on this process.
  await context.route(`**${authPath}/**`, async (route) => {
    if (settling) return route.abort("blockedbyclient");
    const request = route.request();
    underWay.add(request);
    // The browser stores a Set-Cookie before it hands on the answer's headers; a body nobody
    // reads may never finish loading, so the headers are what counts.
    void request.response().then(
      () => answered(request),
      () => answered(request),
    );
    await route.fallback();
  });

  return {
    async settle(): Promise<CookieState> {
      settling = true;
      if (closed) throw new Error("the test closed its context, so its last cookie is unknown");
      if (underWay.size > 0) {
        const done = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => (drained.delete(ready), resolve(false)), SETTLE_MS);
          const ready = () => (clearTimeout(timer), drained.delete(ready), resolve(true));
          drained.add(ready);
        });
        if (!done) throw new Error(`a token call was still under way ${SETTLE_MS / 1000} s after the test`);
      }
      return { cookies: await context.cookies(), origins: [] };
    },
  };
}
