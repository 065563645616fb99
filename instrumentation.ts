export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const [{ startupChecks }, { publishStartup }] = await Promise.all([import("./lib/server/startup"), import("./lib/process/startup-gate.mjs")]);
    const checks = startupChecks();
    publishStartup(checks);
    await checks;
  }
}
