import { expect, test } from "@playwright/test";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { settings } from "./support/settings";

/** Answers the API gives before any route runs, over real HTTP to the production server. */
const send = (method: string, path: string) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: "localhost", port: settings.port, method, path }, (res) => {
      let body = "";
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });

/** A raw request line, as a client that sends an absolute-form target would write it. */
const rawRequest = (line: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect(settings.port, "localhost", () => socket.end(`${line}\r\nHost: localhost:${settings.port}\r\nConnection: close\r\n\r\n`));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });

test("unsupported methods on API paths answer a JSON 405 with Allow, never a 500 or an empty body", async () => {
  for (const method of ["TRACE", "PROPFIND", "MKCOL", "PATCH", "DELETE"]) {
    const answer = await send(method, "/api/auth/token");
    expect(answer.status, method).toBe(405);
    expect(answer.headers.allow).toBe("POST, OPTIONS");
    expect(answer.headers["content-type"]).toContain("application/json");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(JSON.parse(answer.body)).toMatchObject({ code: "METHOD_NOT_ALLOWED", detail: expect.any(String) });
  }
});

test("unknown API paths answer a JSON 404", async () => {
  const answer = await send("GET", "/api/no-such-thing");
  expect(answer.status).toBe(404);
  expect(JSON.parse(answer.body)).toEqual({ detail: "No such endpoint.", code: "NOT_FOUND" });
});

test("an absolute-form target naming another host is refused, never reflected into Location", async () => {
  const foreign = await rawRequest("GET http://evil.example/admin HTTP/1.1");
  expect(foreign).toMatch(/^HTTP\/1\.1 400/);
  expect(foreign).not.toMatch(/evil\.example/i);
  const own = await rawRequest(`GET http://localhost:${settings.port}/api/health HTTP/1.1`);
  expect(own).toMatch(/^HTTP\/1\.1 200/);
  // A path that starts with two slashes must never come back as a protocol-relative Location.
  const slashes = await rawRequest("GET //evil.example/ HTTP/1.1");
  expect(slashes).not.toMatch(/^location:\s*(\/\/|https?:\/\/(?!localhost))/im);
});
