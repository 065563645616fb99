import { cpus } from "node:os";
import { authConfig } from "../auth/config";
import { withPasskeyStep } from "../auth/factors/passkeys/second-step-policy";
import { totpSecondStep } from "../auth/factors/totp/second-step-policy";
import type { ManageContext } from "../auth/manage/context";
import { type RetentionSweep, startRetentionSweep } from "../auth/notifications/retention";
import type { WebhookWorker } from "../auth/notifications/webhook/worker";
import { liveLoginView } from "../auth/sessions/live-logins";
import { createPasswordPool } from "../auth/passwords/pool";
import { pooledHasher } from "../auth/passwords/hasher";
import type { Database } from "../db/client";
import { invoiceRepo } from "../db/invoice-repo";
import type { InvoiceRepo } from "../invoices/port";
import { prismaManageStorage } from "../db/manage-storage";
import { checkReadiness, type Readiness, sqliteFileProblem } from "../db/readiness";
import { databaseFaults } from "./database-faults";
import { prismaStorage } from "../db/storage";
import { authSettings, env } from "../env";
import { loggedAudit } from "./logged-audit";
import { startSecurityWebhook } from "./security-webhook";
import { openServerDatabase } from "./server-database";
import { logger } from "./logger";

/** Everything a route handler may use: the auth core's context plus the app's own data. */
export interface ServerContext extends ManageContext {
  invoices: InvoiceRepo;
  readiness(): Promise<Readiness>;
  databaseFaults: ReturnType<typeof databaseFaults>;
  /** The operators' webhook worker of this process, when the webhook is configured. */
  securityWebhook: WebhookWorker | null;
  /** The hourly pass that prunes everyone's notices past retention. */
  notificationRetention: RetentionSweep;
  /**
   * Throws when the SQLite file was removed while the server runs: better-sqlite3 would go
   * on writing to the deleted file, and everything written would be lost.
   */
  assertDatabaseFilePresent(): Promise<void>;
  /**
   * Runs a request's work; when it wrote a revocation, the live-login view forgets again
   * once the work is done, after any transaction has committed, so no answer read in
   * between outlives the response.
   */
  settlingRevocations<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const FILE_CHECK_INTERVAL_MS = 1_000;

const holder = globalThis as unknown as {
  gatehouseContext?: ServerContext;
  /** Called by server.mjs on SIGTERM once in-flight requests have finished. */
  __gatehouseShutdown?: () => Promise<void>;
};

/** Wires a context over one database; tests build their own with other settings. */
export function buildServerContext(opened: Database, settings = env()): ServerContext {
  const database = { ...opened, outbox: Boolean(settings.SECURITY_EVENTS_WEBHOOK_URL) };
  const tables = prismaStorage(database);
  const store = { ...tables, audit: loggedAudit(tables.audit, logger()) };
  const pool = createPasswordPool({
    size: settings.PASSWORD_WORKERS ?? Math.max(1, Math.min(2, cpus().length - 1)),
    maxQueue: settings.PASSWORD_QUEUE_LIMIT,
  });
  const liveLogins = liveLoginView(store);
  database.revokingWrites.subscribe(liveLogins.forget);
  const securityWebhook = startSecurityWebhook(database, settings, logger());
  const notificationRetention = startRetentionSweep(store.notifications, (error) => logger().warn({ err: error }, "notification retention pass failed"));
  let fileCheckedAt = 0;
  let fileMissing = false;
  return {
    store,
    config: authConfig(authSettings(settings), store.signingKeys),
    passwords: pooledHasher(pool),
    liveLogins,
    secondStep: withPasskeyStep(totpSecondStep(store.mfa), store.passkeys),
    manage: prismaManageStorage(database),
    invoices: invoiceRepo(database),
    readiness: () => checkReadiness(database),
    databaseFaults: databaseFaults(logger, () => database.db.$disconnect()),
    securityWebhook,
    notificationRetention,
    async assertDatabaseFilePresent() {
      if (!database.file) return;
      if (Date.now() - fileCheckedAt >= FILE_CHECK_INTERVAL_MS) {
        fileCheckedAt = Date.now();
        fileMissing = sqliteFileProblem(database.file) === "database_missing";
      }
      if (fileMissing) throw Object.assign(new Error(`The database file ${database.file} is missing`), { code: "SQLITE_CANTOPEN" });
    },
    async settlingRevocations(work) {
      const before = database.revokingWrites.count;
      try {
        return await work();
      } finally {
        if (database.revokingWrites.count !== before) liveLogins.forget();
      }
    },
    async close() {
      // The worker first: its last attempt is cut short and settled before the database goes.
      notificationRetention.stop();
      await securityWebhook?.stop();
      await Promise.allSettled([pool.close(), database.db.$disconnect()]);
    },
  };
}

/**
 * The server's context, built once per process. Kept on globalThis so dev reloads reuse
 * one connection pool and one set of password workers.
 */
export function serverContext(): ServerContext {
  if (!holder.gatehouseContext) {
    const settings = env();
    const context = buildServerContext(openServerDatabase(settings), settings);
    holder.gatehouseContext = context;
    holder.__gatehouseShutdown = async () => {
      delete holder.gatehouseContext;
      await context.close();
    };
  }
  return holder.gatehouseContext;
}
