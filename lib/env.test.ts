import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { authSettings, ConfigError, parseEnv } from "./env";

const secret = "s".repeat(32);
const tmp = () => mkdtempSync(path.join(os.tmpdir(), "gatehouse-env-"));

describe("settings", () => {
  it("have the documented defaults", () => {
    const env = parseEnv({ JWT_SECRET: secret }, "/srv/app");
    expect(env).toMatchObject({
      DATABASE_URL: "file:./.data/gatehouse.db",
      databaseKind: "sqlite",
      ACCESS_TOKEN_TTL_SECONDS: 300,
      REFRESH_TOKEN_TTL_SECONDS: 604800,
      SESSION_MAX_AGE_SECONDS: 2592000,
      REFRESH_REUSE_GRACE_SECONDS: 10,
      REFRESH_LOST_ANSWER_SECONDS: 60,
      REAUTH_MAX_AGE_SECONDS: 900,
      REQUIRE_DPOP: false,
      isProduction: false,
    });
  });

  it("refuse to start in production without a secret, with a short one, or without APP_ORIGIN", () => {
    const origin = { APP_ORIGIN: "https://admin.example.com" };
    expect(() => parseEnv({ NODE_ENV: "production", ...origin })).toThrow(/JWT_SECRET is required/);
    expect(() => parseEnv({ NODE_ENV: "production", JWT_SECRET: "short", ...origin })).toThrow(/at least 32 bytes/);
    expect(() => parseEnv({ NODE_ENV: "production", JWT_SECRET: secret })).toThrow(/APP_ORIGIN is required/);
    expect(() => parseEnv({ NODE_ENV: "production", JWT_SECRET: secret, APP_ORIGIN: "https://x.example/admin" })).toThrow(/APP_ORIGIN/);
    expect(parseEnv({ NODE_ENV: "production", JWT_SECRET: secret, ...origin })).toMatchObject({ isProduction: true, JWT_ALG: "EdDSA" });
  });

  it("take the operators' webhook only as an http(s) URL with a strong secret, in production too", () => {
    const prod = { NODE_ENV: "production", JWT_SECRET: secret, APP_ORIGIN: "https://admin.example.com" };
    const url = "https://hooks.example.com/gatehouse";
    expect(parseEnv({ JWT_SECRET: secret }).SECURITY_EVENTS_WEBHOOK_URL).toBeUndefined();
    expect(() => parseEnv({ ...prod, SECURITY_EVENTS_WEBHOOK_URL: url })).toThrow(/SECURITY_EVENTS_WEBHOOK_SECRET is required/);
    expect(() => parseEnv({ ...prod, SECURITY_EVENTS_WEBHOOK_URL: url, SECURITY_EVENTS_WEBHOOK_SECRET: "short" })).toThrow(/at least 32 bytes/);
    expect(() => parseEnv({ ...prod, SECURITY_EVENTS_WEBHOOK_URL: "ftp://hooks.example.com/x", SECURITY_EVENTS_WEBHOOK_SECRET: secret })).toThrow(/SECURITY_EVENTS_WEBHOOK_URL/);
    expect(() => parseEnv({ ...prod, SECURITY_EVENTS_WEBHOOK_URL: "not a url", SECURITY_EVENTS_WEBHOOK_SECRET: secret })).toThrow(/SECURITY_EVENTS_WEBHOOK_URL/);
    expect(parseEnv({ ...prod, SECURITY_EVENTS_WEBHOOK_URL: url, SECURITY_EVENTS_WEBHOOK_SECRET: secret })).toMatchObject({ SECURITY_EVENTS_WEBHOOK_URL: url });
  });

  it("generate a development secret once and keep it", () => {
    const dir = tmp();
    const first = parseEnv({ NODE_ENV: "development" }, dir).JWT_SECRET;
    expect(Buffer.byteLength(first)).toBeGreaterThanOrEqual(32);
    expect(parseEnv({ NODE_ENV: "development" }, dir).JWT_SECRET).toBe(first);
    expect(readFileSync(path.join(dir, ".data/dev-secret"), "utf8").trim()).toBe(first);
  });

  it("name every bad value in one clear error", () => {
    let error: unknown;
    try {
      parseEnv({ JWT_SECRET: secret, ACCESS_TOKEN_TTL_SECONDS: "five", DATABASE_URL: "mysql://x", REFRESH_REUSE_GRACE_SECONDS: "-1" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/ACCESS_TOKEN_TTL_SECONDS/);
    expect(message).toMatch(/DATABASE_URL/);
    expect(message).toMatch(/REFRESH_REUSE_GRACE_SECONDS/);
    expect(message).not.toContain(secret);
  });

  it("take SQLite from file: URLs and PostgreSQL from postgres:// and postgresql:// URLs", () => {
    expect(parseEnv({ JWT_SECRET: secret, DATABASE_URL: "file:/tmp/x.db" }).databaseKind).toBe("sqlite");
    expect(parseEnv({ JWT_SECRET: secret, DATABASE_URL: "postgres://db.example/app" }).databaseKind).toBe("postgres");
    expect(parseEnv({ JWT_SECRET: secret, DATABASE_URL: "postgresql://u@127.0.0.1:5432/app" }).databaseKind).toBe("postgres");
    expect(() => parseEnv({ JWT_SECRET: secret, DATABASE_URL: "postgres://" })).toThrow(/DATABASE_URL/);
  });

  it("take a step-up window of whole seconds up to a day, and refuse anything else", () => {
    expect(parseEnv({ JWT_SECRET: secret, REAUTH_MAX_AGE_SECONDS: "60" })).toMatchObject({ REAUTH_MAX_AGE_SECONDS: 60 });
    expect(parseEnv({ JWT_SECRET: secret, REAUTH_MAX_AGE_SECONDS: "86400" })).toMatchObject({ REAUTH_MAX_AGE_SECONDS: 86400 });
    for (const bad of ["0", "-5", "1.5", "ninety", "86401"]) {
      expect(() => parseEnv({ JWT_SECRET: secret, REAUTH_MAX_AGE_SECONDS: bad }), bad).toThrow(/REAUTH_MAX_AGE_SECONDS/);
    }
  });

  it("require DPoP-bound dashboard sign-ins only when told exactly true or false", () => {
    expect(parseEnv({ JWT_SECRET: secret, REQUIRE_DPOP: "true" })).toMatchObject({ REQUIRE_DPOP: true });
    expect(parseEnv({ JWT_SECRET: secret, REQUIRE_DPOP: "false" })).toMatchObject({ REQUIRE_DPOP: false });
    expect(authSettings(parseEnv({ JWT_SECRET: secret, REQUIRE_DPOP: "true" })).requireDpop).toBe(true);
    for (const bad of ["1", "yes", "TRUE", "on"]) {
      expect(() => parseEnv({ JWT_SECRET: secret, REQUIRE_DPOP: bad }), bad).toThrow(/REQUIRE_DPOP/);
    }
  });

  it("refuse a session cap shorter than the refresh lifetime", () => {
    expect(() => parseEnv({ JWT_SECRET: secret, REFRESH_TOKEN_TTL_SECONDS: "100", SESSION_MAX_AGE_SECONDS: "50" })).toThrow(
      /SESSION_MAX_AGE_SECONDS/,
    );
  });

  it("refuse a lost-answer window shorter than the grace window, and accept one as long", () => {
    expect(() => parseEnv({ JWT_SECRET: secret, REFRESH_REUSE_GRACE_SECONDS: "30", REFRESH_LOST_ANSWER_SECONDS: "20" })).toThrow(
      /REFRESH_LOST_ANSWER_SECONDS must be at least REFRESH_REUSE_GRACE_SECONDS/,
    );
    expect(() => parseEnv({ JWT_SECRET: secret, REFRESH_LOST_ANSWER_SECONDS: "5" })).toThrow(/REFRESH_LOST_ANSWER_SECONDS/);
    expect(parseEnv({ JWT_SECRET: secret, REFRESH_REUSE_GRACE_SECONDS: "30", REFRESH_LOST_ANSWER_SECONDS: "30" })).toMatchObject({ REFRESH_LOST_ANSWER_SECONDS: 30 });
    expect(() => parseEnv({ JWT_SECRET: secret, REFRESH_LOST_ANSWER_SECONDS: "86400" })).toThrow(/REFRESH_LOST_ANSWER_SECONDS/);
  });
});
