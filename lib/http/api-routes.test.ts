import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiGate, scanApiRoutes } from "./api-routes.mjs";
import { originFormTarget } from "./request-target.mjs";

const appDir = path.resolve(__dirname, "../../app");
const routes = scanApiRoutes(appDir);
const HANDLERS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? routeFiles(path.join(dir, entry.name)) : entry.name === "route.ts" ? [path.join(dir, entry.name)] : [],
  );
}

describe("the API route table", () => {
  it("lists exactly the handlers each route module exports", async () => {
    const files = routeFiles(appDir).filter((file) => /[\\/](api|\.well-known)[\\/]/.test(file));
    expect(routes).toHaveLength(files.length);
    for (const file of files) {
      const exported = Object.keys((await import(file)) as object).filter((name) => HANDLERS.includes(name)).sort();
      const route = "/" + path.relative(appDir, path.dirname(file)).split(path.sep).join("/");
      expect(routes.find((entry) => entry.route === route)?.methods, route).toEqual(exported);
    }
  });

  it("routes a static segment before a dynamic one beside it, as Next does", () => {
    expect(apiGate(routes, "POST", "/api/notifications/read")).toBeNull();
    expect(apiGate(routes, "POST", "/api/account/passkeys/options")).toBeNull();
    expect(apiGate(routes, "GET", "/api/notifications/12")).toBeNull();
    expect(apiGate(routes, "GET", "/api/notifications/read")?.status).toBe(405);
  });

  it("answers unknown API paths with a JSON 404 and unsupported methods with a JSON 405 and Allow", () => {
    expect(apiGate(routes, "GET", "/api/invoices")).toBeNull();
    expect(apiGate(routes, "HEAD", "/api/invoices/12")).toBeNull();
    expect(apiGate(routes, "OPTIONS", "/api/auth/token")).toBeNull();
    expect(apiGate(routes, "GET", "/admin")).toBeNull();
    expect(apiGate(routes, "POST", "/api/account/passkeys/options")).toBeNull();
    expect(apiGate(routes, "GET", "/api/nothing-here")).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect(apiGate(routes, "GET", "/api/invoices/1/2")).toMatchObject({ status: 404 });
    for (const method of ["TRACE", "PROPFIND", "MKCOL", "PATCH", "CONNECT"]) {
      expect(apiGate(routes, method, "/api/invoices/7"), method).toEqual({
        status: 405,
        body: { detail: expect.stringContaining("DELETE, GET, PUT, HEAD, OPTIONS"), code: "METHOD_NOT_ALLOWED" },
        headers: { Allow: "DELETE, GET, PUT, HEAD, OPTIONS" },
      });
    }
    expect(apiGate(routes, "GET", "/api/auth/token")).toMatchObject({ status: 405, headers: { Allow: "POST, OPTIONS" } });
    expect(apiGate(routes, "POST", "/.well-known/jwks.json")).toMatchObject({ status: 405, headers: { Allow: "GET, HEAD, OPTIONS" } });
  });
});

describe("request targets", () => {
  it("keep paths, reduce absolute targets naming this host, and refuse other hosts", () => {
    expect(originFormTarget("/admin?x=1", "localhost:3000")).toBe("/admin?x=1");
    expect(originFormTarget("//evil.example/admin", "localhost:3000")).toBe("/evil.example/admin");
    expect(originFormTarget("http://localhost:3000/admin?x=1", "localhost:3000")).toBe("/admin?x=1");
    expect(originFormTarget("http://evil.example/admin", "localhost:3000")).toBeNull();
    expect(originFormTarget("http://evil.example/admin", undefined)).toBeNull();
    expect(originFormTarget("javascript:alert(1)", "localhost:3000")).toBeNull();
    expect(originFormTarget("*", "localhost:3000")).toBe("*");
  });
});
