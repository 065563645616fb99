// Graceful stop for a node:http server: no new connections, in-flight requests finish, and
// a deadline cuts off whatever is still open, so a deploy's SIGTERM neither drops requests
// nor hangs. The caller exits the process; this module only drains.

const IDLE_SWEEP_MS = 100;

/**
 * Call once, right after createServer: it must see every request to mark the in-flight ones.
 * Returns `shutDown({ timeoutMs, onClosed, hookTimeoutMs })`, which resolves with `{ forced }`
 * once every connection is gone and `onClosed` (the app's own clean-up) has run, failed, or
 * outrun `hookTimeoutMs`.
 */
export function gracefulShutdown(server, logger) {
  const inFlight = new Set();
  let draining = null;
  // The server reports itself closed before its sockets' "close" events, and with them the
  // responses' (and their log lines), have run: the drain waits for those too.
  const idleWaiters = [];
  const allAnswered = () => (inFlight.size === 0 ? Promise.resolve() : new Promise((wake) => idleWaiters.push(wake)));

  // Node keeps a kept-alive connection open after answering even once the server has
  // closed, so answers given while draining say "Connection: close" and Node hangs up after.
  server.prependListener("request", (_req, res) => {
    if (draining) res.setHeader("Connection", "close");
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      if (inFlight.size === 0) for (const wake of idleWaiters.splice(0)) wake();
    });
  });

  // A WebSocket (Next's dev HMR, or one the app upgrades) leaves the HTTP layer after its
  // upgrade: server.close() would wait on it forever and closeAllConnections() cannot see it.
  // Recording starts only when someone else handles upgrades, because any "upgrade"
  // listener makes Node divert Upgrade requests away from the request handler.
  const upgraded = new Set();
  let recording = false;
  server.on("newListener", (event) => {
    if (event !== "upgrade" || recording) return;
    recording = true;
    server.prependListener("upgrade", (_req, socket) => {
      upgraded.add(socket);
      socket.once("close", () => upgraded.delete(socket));
    });
  });
  const closeUpgraded = () => {
    for (const socket of upgraded) socket.destroy();
  };

  async function drain(timeoutMs) {
    // A WebSocket has no request to finish; its client reconnects to whatever serves next.
    closeUpgraded();
    for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    const closed = new Promise((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    // Answers whose headers had already gone out still said keep-alive: sweep those
    // connections as they fall idle.
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    let timer;
    const deadline = new Promise((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    });
    const forced = await Promise.race([closed.then(allAnswered).then(() => false), deadline]);
    clearInterval(sweep);
    clearTimeout(timer);
    if (forced) {
      logger.warn({ open: inFlight.size, timeoutMs }, "shutdown timeout reached, closing remaining connections");
      server.closeAllConnections();
      closeUpgraded(); // any upgraded while draining
      await closed;
      await allAnswered();
    }
    return forced;
  }

  async function runHook(onClosed, timeoutMs) {
    if (!onClosed) return;
    let timer;
    try {
      const outcome = await Promise.race([
        Promise.resolve().then(onClosed).then(() => "done"),
        new Promise((resolve) => {
          timer = setTimeout(() => resolve("timeout"), timeoutMs);
        }),
      ]);
      if (outcome === "timeout") logger.error({ timeoutMs }, "app shutdown hook did not finish in time");
    } catch (err) {
      logger.error({ err }, "app shutdown hook failed");
    } finally {
      clearTimeout(timer);
    }
  }

  // Even a zero drain timeout leaves the app a second to disconnect its database.
  return function shutDown({ timeoutMs, onClosed, hookTimeoutMs = Math.max(timeoutMs, 1_000) }) {
    if (draining) return draining;
    draining = (async () => {
      logger.info({ timeoutMs, open: inFlight.size }, "shutting down: no new connections, finishing open requests");
      const forced = await drain(timeoutMs);
      // The hook gets its own budget so a stuck database disconnect cannot hang the exit.
      await runHook(onClosed, hookTimeoutMs);
      return { forced };
    })();
    return draining;
  };
}
