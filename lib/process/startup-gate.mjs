// Next runs the app's start-up checks (instrumentation.ts: settings, database, first
// signing key) on its own schedule, after the server would already say it listens. The
// checks publish their promise here, and server.mjs waits for it before listening, so a
// bad setting is reported, with exit code 1, before "listening" is ever printed.

const KEY = "__gatehouseStartup";

/** Called by instrumentation.ts with the running checks. */
export function publishStartup(checks) {
  globalThis[KEY] = checks;
}

/** Resolves once the checks have passed (they exit the process when they fail). */
export async function startupPassed({ timeoutMs = 120_000, pollMs = 20 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!globalThis[KEY]) {
    if (Date.now() > deadline) throw new Error("the app's start-up checks never ran");
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  await globalThis[KEY];
}
