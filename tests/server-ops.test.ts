import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../lib/log/logger.mjs";

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
