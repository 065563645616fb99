import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, type DatabaseKind, databaseKind } from "./database-kind";

const MIN_SECRET_BYTES = 32;
const DEV_SECRET_FILE = ".data/dev-secret";

const positiveSeconds = (fallback: number) =>
  z.coerce.number().int().positive().max(10 * 365 * 24 * 3600).default(fallback);

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .refine((url) => databaseKind(url) !== null, "must be a file: URL (SQLite) or a postgres:// / postgresql:// URL (PostgreSQL)")
      .default(DEFAULT_DATABASE_URL),
    JWT_SECRET: z.string().optional(),
    ACCESS_TOKEN_TTL_SECONDS: positiveSeconds(300),
    REFRESH_TOKEN_TTL_SECONDS: positiveSeconds(7 * 24 * 3600),
    SESSION_MAX_AGE_SECONDS: positiveSeconds(30 * 24 * 3600),
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    REFRESH_LOST_ANSWER_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    REAUTH_MAX_AGE_SECONDS: z.coerce.number().int().positive().max(24 * 3600).default(900),
    BCRYPT_COST: z.coerce.number().int().min(4).max(15).default(12),
    JWT_ISSUER: z.string().min(1).default("gatehouse"),
    JWT_AUDIENCE: z.string().min(1).default("gatehouse-admin"),
    PASSWORD_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
    PASSWORD_QUEUE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(64),
    LOGIN_FAILURE_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(250),
    JWT_ALG: z.enum(["EdDSA", "HS256"]).default("EdDSA"),
    SQLITE_SYNCHRONOUS: z.enum(["FULL", "NORMAL"]).default("FULL"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    APP_ORIGIN: z
      .url()
      .refine((value) => new URL(value).origin === value, "must be an origin like https://admin.example.com (no path)")
      .optional(),
    REQUIRE_DPOP: z
      .enum(["true", "false"], "must be true or false")
      .default("false")
      .transform((value) => value === "true"),
    SECURITY_EVENTS_WEBHOOK_URL: z
      .url()
      .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an http:// or https:// URL")
      .optional(),
    SECURITY_EVENTS_WEBHOOK_SECRET: z.string().optional(),
  })
  .refine((s) => s.SESSION_MAX_AGE_SECONDS >= s.REFRESH_TOKEN_TTL_SECONDS, {
    message: "SESSION_MAX_AGE_SECONDS must be at least REFRESH_TOKEN_TTL_SECONDS",
    path: ["SESSION_MAX_AGE_SECONDS"],
  })
  .refine((s) => s.REFRESH_LOST_ANSWER_SECONDS >= s.REFRESH_REUSE_GRACE_SECONDS, {
    message: "REFRESH_LOST_ANSWER_SECONDS must be at least REFRESH_REUSE_GRACE_SECONDS",
    path: ["REFRESH_LOST_ANSWER_SECONDS"],
  });

export type Env = Omit<z.infer<typeof schema>, "JWT_SECRET"> & {
  JWT_SECRET: string;
  databaseKind: DatabaseKind;
  isProduction: boolean;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses settings; throws a ConfigError naming every bad value. Pure apart from the dev secret file. */
export function parseEnv(source: Record<string, string | undefined>, cwd = process.cwd()): Env {
  const parsed = schema.safeParse(blankToUndefined(source));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "settings"}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n  ${problems.join("\n  ")}`);
  }
  const s = parsed.data;
  const isProduction = s.NODE_ENV === "production";
  const secret = s.JWT_SECRET ?? (isProduction ? undefined : devSecret(cwd));
  if (!secret) {
    throw new ConfigError("JWT_SECRET is required in production (at least 32 bytes, e.g. `openssl rand -base64 48`).");
  }
  if (Buffer.byteLength(secret, "utf8") < MIN_SECRET_BYTES) {
    throw new ConfigError(`JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes long.`);
  }
  if (isProduction && !s.APP_ORIGIN) {
    throw new ConfigError("APP_ORIGIN is required in production (the dashboard's origin, e.g. https://admin.example.com).");
  }
  if (s.SECURITY_EVENTS_WEBHOOK_URL && Buffer.byteLength(s.SECURITY_EVENTS_WEBHOOK_SECRET ?? "", "utf8") < MIN_SECRET_BYTES) {
    throw new ConfigError(`SECURITY_EVENTS_WEBHOOK_SECRET is required with SECURITY_EVENTS_WEBHOOK_URL, at least ${MIN_SECRET_BYTES} bytes long.`);
  }
  return { ...s, JWT_SECRET: secret, databaseKind: databaseKind(s.DATABASE_URL)!, isProduction };
}

function blankToUndefined(source: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

/** A development secret generated once and kept out of git, so restarts keep sessions valid. */
function devSecret(cwd: string): string {
  // turbopackIgnore: runtime data under .data/ must never join the dev server's watched files.
  const file = path.join(/* turbopackIgnore: true */ cwd, DEV_SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString("base64url") + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process created it first; theirs is the one to keep.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

/** The auth core's settings (lib/auth/config.ts AuthSettings), as a plain object. */
export function authSettings(settings: Env) {
  return {
    secret: settings.JWT_SECRET,
    signingAlgorithm: settings.JWT_ALG,
    issuer: settings.JWT_ISSUER,
    audience: settings.JWT_AUDIENCE,
    accessTokenTtlSeconds: settings.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: settings.REFRESH_TOKEN_TTL_SECONDS,
    sessionMaxAgeSeconds: settings.SESSION_MAX_AGE_SECONDS,
    reuseGraceSeconds: settings.REFRESH_REUSE_GRACE_SECONDS,
    lostAnswerSeconds: settings.REFRESH_LOST_ANSWER_SECONDS,
    bcryptCost: settings.BCRYPT_COST,
    secureCookies: settings.isProduction,
    appOrigin: settings.APP_ORIGIN ?? null,
    loginFailureDelayMs: settings.LOGIN_FAILURE_DELAY_MS,
    reauthMaxAgeSeconds: settings.REAUTH_MAX_AGE_SECONDS,
    requireDpop: settings.REQUIRE_DPOP,
  };
}

let cached: Env | undefined;

/** Settings of this process, parsed on first use (so `next build` needs no secret). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
