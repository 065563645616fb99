import type { Logger } from "pino";
import { webhookWorker, type WebhookWorker } from "../auth/notifications/webhook/worker";
import type { Database } from "../db/client";
import { prismaSecurityEventOutbox } from "../db/security-event-outbox";
import type { Env } from "../env";

/**
 * The operators' webhook worker of this server process, started when SECURITY_EVENTS_WEBHOOK_URL
 * is set; null otherwise. It runs on timers, off every request's path, and stops with the context.
 */
export function startSecurityWebhook(database: Pick<Database, "db" | "engine">, settings: Env, log: Logger): WebhookWorker | null {
  const url = settings.SECURITY_EVENTS_WEBHOOK_URL;
  const secret = settings.SECURITY_EVENTS_WEBHOOK_SECRET;
  if (!url || !secret) return null;
  const worker = webhookWorker({ url, secret, outbox: prismaSecurityEventOutbox(database), log });
  worker.start();
  return worker;
}

/** The readiness warning while deliveries fail: it never makes the server not ready. */
export function webhookWarnings(worker: WebhookWorker | null): { securityEventsWebhook: string } | undefined {
  const since = worker?.failingSince();
  return since ? { securityEventsWebhook: `failing since ${since.toISOString()}` } : undefined;
}
