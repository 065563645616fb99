import { vi } from "vitest";
import type { NotificationType } from "@/lib/contracts/notifications";
import { notice } from "@/lib/auth/notifications/notice";
import { webhookWorker, type WebhookWorker, type WebhookWorkerOptions } from "@/lib/auth/notifications/webhook/worker";
import type { Database } from "@/lib/db/client";
import { writeNotices } from "@/lib/db/notices";
import { prismaSecurityEventOutbox } from "@/lib/db/security-event-outbox";
import { CHROME_MAC } from "./notifications";
import { WEBHOOK_SECRET, type WebhookReceiver } from "./webhook-receiver";

export const client = { ip: "203.0.113.7", userAgent: CHROME_MAC };

/** A notice written as a store writes it: in a transaction, with the webhook on. */
export const enqueueNotice = (database: Pick<Database, "engine">, userId: number, at = new Date(), type: NotificationType = "password_changed") =>
  database.engine.transaction(({ db: tx }) => writeNotices(tx, [notice(type, userId, client, at)], true));

export const quietLog = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

/** A delivery worker of its own (an instance), over `database`, on a clock the test may move. */
export function testWorker(database: Pick<Database, "db" | "engine">, receiver: WebhookReceiver, overrides: Partial<WebhookWorkerOptions> = {}): WebhookWorker {
  return webhookWorker({ url: receiver.url(), secret: WEBHOOK_SECRET, outbox: prismaSecurityEventOutbox(database), log: quietLog(), idleMs: 10, ...overrides });
}

/** Passes until one claims nothing: everything due has been tried. */
export async function drain(worker: WebhookWorker, maxPasses = 100): Promise<void> {
  for (let pass = 0; pass < maxPasses; pass++) if ((await worker.runOnce()).claimed === 0) return;
  throw new Error("the outbox did not drain");
}

/** A clock the worker reads, moved by the test. */
export function testClock(start = new Date()) {
  let at = start;
  return { now: () => at, advance: (ms: number) => void (at = new Date(at.getTime() + ms)) };
}
