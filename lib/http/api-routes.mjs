// The API's routes and their methods, read from the route files themselves so the table
// cannot fall out of step with them. server.mjs uses it to answer unknown API paths with a
// JSON 404 and unsupported methods with a JSON 405 and an Allow header, before Next (whose
// own answers are empty, HTML or, for TRACE, a 500).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const HANDLER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const EXPORTED = new RegExp(`export\\s+(?:const|async\\s+function|function)\\s+(${HANDLER_METHODS.join("|")})\\b`, "g");
const GUARDED_PREFIXES = ["/api/", "/.well-known/"];

function routeFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** Every route under `appDir` that the front gate guards, with the methods it exports. */
export function scanApiRoutes(appDir) {
  return routeFiles(appDir)
    .map((file) => {
      const route = "/" + path.relative(appDir, path.dirname(file)).split(path.sep).join("/");
      const methods = [...readFileSync(file, "utf8").matchAll(EXPORTED)].map((match) => match[1]);
      const pattern = new RegExp(`^${route.replace(/\[[^\]/]+\]/g, "[^/]+").replace(/\./g, "\\.")}$`);
      return { route, pattern, methods: [...new Set(methods)].sort() };
    })
    .filter((entry) => GUARDED_PREFIXES.some((prefix) => `${entry.route}/`.startsWith(prefix)))
    // A static segment wins over a dynamic one, as in Next's router: /passkeys/options before /passkeys/[id], /notifications/read before /notifications/[id].
    .sort((a, b) => dynamicSegments(a.route) - dynamicSegments(b.route));
}

const dynamicSegments = (route) => (route.match(/\[[^\]/]+\]/g) ?? []).length;

/** What a route answers: its handlers, HEAD with GET, and OPTIONS (Next implements both). */
export function allowedMethods(route) {
  return [...route.methods, ...(route.methods.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
}

/**
 * Null when Next should handle the request; otherwise the JSON error to answer with.
 * `pathname` is the request's path without the query.
 */
export function apiGate(routes, method, pathname) {
  if (!GUARDED_PREFIXES.some((prefix) => pathname.startsWith(prefix))) return null;
  const normalised = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  const route = routes.find((entry) => entry.pattern.test(normalised));
  if (!route) return { status: 404, body: { detail: "No such endpoint.", code: "NOT_FOUND" }, headers: {} };
  const allow = allowedMethods(route);
  if (allow.includes(method)) return null;
  return {
    status: 405,
    body: { detail: `${method.slice(0, 20)} is not supported here. Use ${allow.join(", ")}.`, code: "METHOD_NOT_ALLOWED" },
    headers: { Allow: allow.join(", ") },
  };
}
