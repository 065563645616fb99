import { Agent, createServer, request, type IncomingHttpHeaders, type RequestListener, type Server } from "node:http";
import { once } from "node:events";
import { type AddressInfo, connect, type Socket } from "node:net";
import { Writable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../log/logger.mjs";
import { logRequest, pathOf } from "../log/request-log.mjs";
import { gracefulShutdown } from "./shutdown.mjs";

/** A logger writing JSON lines into memory, as server.mjs writes them to stdout. */
function memoryLogger() {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: "info", destination });
  const raw = () => chunks.join("");
  const lines = () => raw().split("\n").filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, raw, lines };
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function listen(handler: RequestListener): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}
function send(port: number, path: string, options: { method?: string; headers?: Record<string, string>; agent?: Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers: options.headers, agent: options.agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request log", () => {
  async function loggedServer(handler: RequestListener) {
    const log = memoryLogger();
    const { port } = await listen((req, res) => {
      logRequest(log.logger, req, res, req.socket.remoteAddress ?? "unknown");
      handler(req, res);
    });
    return { port, ...log };
  }

  it("gives every request a fresh id, on the response and to the app, replacing one the client sent", async () => {
    const { port, lines } = await loggedServer((req, res) => res.end(req.headers["x-request-id"]));
    const first = await send(port, "/api/health", { headers: { "X-Request-Id": "forged-id" } });
    const second = await send(port, "/api/health");

    expect(first.headers["x-request-id"]).toMatch(UUID);
    expect(first.body).toBe(first.headers["x-request-id"]);
    expect(second.headers["x-request-id"]).toMatch(UUID);
    expect(second.headers["x-request-id"]).not.toBe(first.headers["x-request-id"]);
    await vi.waitFor(() => expect(lines()).toHaveLength(2));
    expect(lines().map((line) => line.reqId)).toEqual([first.headers["x-request-id"], second.headers["x-request-id"]]);
  });

  it("logs one JSON line with method, path, status, duration, id and address, and no query, cookie or credential", async () => {
    const { port, lines, raw } = await loggedServer((_req, res) => {
      res.statusCode = 404;
      res.end("{}");
    });
    const reply = await send(port, "/api/invoices?filter=%7B%22q%22%3A%22acme-secret-search%22%7D&range=[0,9]", {
      headers: { Cookie: "gatehouse_refresh=cookie-value-123", Authorization: "Bearer header-token-456" },
    });

    await vi.waitFor(() => expect(lines()).toHaveLength(1));
    const line = lines()[0]!;
    expect(line).toMatchObject({ level: 30, method: "GET", path: "/api/invoices", status: 404, reqId: reply.headers["x-request-id"], ip: "127.0.0.1" });
    expect(typeof line.ms).toBe("number");
    expect(Number((line.ms as number).toFixed(1))).toBe(line.ms); // rounded to 0.1 ms
    for (const secret of ["acme-secret-search", "filter", "range", "cookie-value-123", "header-token-456", "Bearer"]) {
      expect(raw()).not.toContain(secret);
    }
  });

  it("logs server errors at error level, and a deliberate 503 (unavailable) as a warning", async () => {
    let status = 500;
    const { port, lines } = await loggedServer((_req, res) => {
      res.statusCode = status;
      res.end();
    });
    await send(port, "/api/invoices");
    await vi.waitFor(() => expect(lines()).toHaveLength(1));
    expect(lines()[0]).toMatchObject({ level: 50, status: 500, path: "/api/invoices" });
    status = 503;
    await send(port, "/api/ready");
    await vi.waitFor(() => expect(lines()).toHaveLength(2));
    expect(lines()[1]).toMatchObject({ level: 40, status: 503, path: "/api/ready" });
  });

  it("logs a client that hangs up mid-body as aborted, not as an error", async () => {
    const { port, lines } = await loggedServer((req, res) => {
      req.on("error", () => {}); // the app's own body reader sees the abort; not this test's concern
      req.resume();
      req.on("end", () => res.end("never reached"));
    });
    const req = request({ host: "127.0.0.1", port, path: "/api/auth/token", method: "POST", headers: { "Content-Length": "1000" } });
    req.on("error", () => {});
    req.write("username=johndoe&password=hunter2");
    await new Promise((resolve) => setTimeout(resolve, 50));
    req.destroy();

    await vi.waitFor(() => expect(lines()).toHaveLength(1));
    expect(lines()[0]).toMatchObject({ level: 30, method: "POST", path: "/api/auth/token", aborted: true, status: null });
    expect(JSON.stringify(lines())).not.toContain("hunter2");
  });

  it("keeps only the path of an absolute-form target, dropping user:password@ and the query", () => {
    expect(pathOf("http://admin:pa55@example.com/api/users?q=x")).toBe("/api/users");
    expect(pathOf("/a/../../etc/passwd?x=1")).toBe("/a/../../etc/passwd");
    expect(pathOf("*")).toBe("*");
    expect(pathOf("not a url")).toBe("-");
    expect(pathOf(`/${"a".repeat(5000)}`)).toHaveLength(2048 + 3);
  });
});

describe("logger", () => {
  it("redacts credentials even when a caller logs headers or a body by mistake", () => {
    const { logger, raw } = memoryLogger();
    logger.info({ headers: { authorization: "Bearer t0ken", cookie: "c00kie" }, password: "pa55", body: "b0dy", user: { token: "inner" } }, "oops");
    for (const secret of ["t0ken", "c00kie", "pa55", "b0dy", "inner"]) expect(raw()).not.toContain(secret);
    expect(raw()).toContain("[redacted]");
  });

  it("refuses an unknown level", () => {
    expect(() => createLogger({ level: "verbose" })).toThrow(/Unknown log level "verbose"/);
  });
});

describe("graceful shutdown", () => {
  /** A server with a 500 ms route, a route that never answers, and the shutdown wired as server.mjs wires it. */
  async function drainableServer(events: string[] = []) {
    const log = memoryLogger();
    const { server, port } = await listen((req, res) => {
      logRequest(log.logger, req, res, "127.0.0.1");
      if (req.url === "/slow") setTimeout(() => res.end("slow done", () => events.push("slow answered")), 500);
      else if (req.url === "/hang") res.write("started");
      else res.end("quick");
    });
    return { server, port, shutDown: gracefulShutdown(server, log.logger), ...log };
  }
  const refused = (port: number) => send(port, "/quick", { agent: new Agent({ keepAlive: false }) });

  it("lets an in-flight request finish, refuses new connections, closes kept-alive ones, then runs the app hook", async () => {
    const events: string[] = [];
    const { port, shutDown, lines } = await drainableServer(events);
    const agent = new Agent({ keepAlive: true });
    await send(port, "/quick", { agent }); // leaves an idle kept-alive connection behind
    const slow = send(port, "/slow", { agent });
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = Date.now();
    const stopped = shutDown({ timeoutMs: 5_000, onClosed: async () => void events.push("hook") });
    await expect(refused(port)).rejects.toMatchObject({ code: "ECONNREFUSED" });

    const reply = await slow;
    expect(reply).toMatchObject({ status: 200, body: "slow done" });
    expect(reply.headers.connection).toBe("close");
    expect(await stopped).toEqual({ forced: false });
    // Well inside the timeout: neither the idle nor the just-answered connection held it open.
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(events).toEqual(["slow answered", "hook"]);
    expect(lines().find((line) => line.path === "/slow")).toMatchObject({ status: 200 });
    expect(lines().map((line) => line.msg)).toContain("shutting down: no new connections, finishing open requests");
    agent.destroy();
  });

  it("cuts off a request that outlives the timeout, and still runs the app hook", async () => {
    const { port, shutDown, lines } = await drainableServer();
    const hanging = send(port, "/hang").catch((err: unknown) => err); // settled while the drain is awaited
    await new Promise((resolve) => setTimeout(resolve, 100));
    const hook = vi.fn();

    const started = Date.now();
    expect(await shutDown({ timeoutMs: 200, onClosed: hook })).toEqual({ forced: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(await hanging).toMatchObject({ code: "ECONNRESET" });
    expect(hook).toHaveBeenCalledOnce();
    expect(lines().find((line) => line.level === 40)).toMatchObject({ msg: expect.stringMatching(/timeout/), open: 1 });
    // Logged before shutDown resolves, so the line is out before the process exits.
    expect(lines().find((line) => line.path === "/hang")).toMatchObject({ level: 30, aborted: true, status: 200 });
  });

  it("closes WebSockets at once instead of waiting on them, and leaves Upgrade requests alone until something handles them", async () => {
    const { server, port, shutDown } = await drainableServer();
    // Before anyone listens for upgrades, Node serves an Upgrade request as a plain request.
    expect(await send(port, "/quick", { headers: { Connection: "Upgrade", Upgrade: "websocket" } })).toMatchObject({ status: 200, body: "quick" });

    server.on("upgrade", (_req, socket: Socket) => socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"));
    const socket = connect(port, "127.0.0.1");
    socket.write("GET /hmr HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n");
    await once(socket, "data");
    const socketClosed = once(socket, "close");

    const started = Date.now();
    expect(await shutDown({ timeoutMs: 5_000 })).toEqual({ forced: false });
    expect(Date.now() - started).toBeLessThan(1_000);
    await socketClosed;
  });

  it("answers a second call with the same drain", async () => {
    const { shutDown } = await drainableServer();
    const hook = vi.fn();
    const first = shutDown({ timeoutMs: 1_000, onClosed: hook });
    expect(shutDown({ timeoutMs: 1_000, onClosed: hook })).toBe(first);
    await first;
    expect(hook).toHaveBeenCalledOnce();
  });

  it("logs a failing app hook and still resolves; bounds one that never settles", async () => {
    const failing = await drainableServer();
    await failing.shutDown({ timeoutMs: 1_000, onClosed: () => Promise.reject(new Error("database already gone")) });
    expect(failing.lines().find((line) => line.level === 50)).toMatchObject({ msg: "app shutdown hook failed", err: { message: "database already gone" } });

    const stuck = await drainableServer();
    const started = Date.now();
    await stuck.shutDown({ timeoutMs: 200, hookTimeoutMs: 200, onClosed: () => new Promise(() => {}) });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(stuck.lines().find((line) => line.level === 50)).toMatchObject({ msg: "app shutdown hook did not finish in time" });
  });
});
