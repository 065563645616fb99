import { randomUUID } from "node:crypto";
import { type DeliverySettings, deliverDue, type PassResult, WEBHOOK_TIMING } from "./delivery";

/** The few log calls the worker makes (pino's signature). */
export interface WebhookLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface WebhookWorkerOptions extends Omit<DeliverySettings, "worker"> {
  log: WebhookLog;
  now?: () => Date;
  /** How long an idle worker waits before it looks for due events again. */
  idleMs?: number;
  /** How often delivered events past retention are pruned. */
  pruneEveryMs?: number;
}

export interface WebhookWorker {
  /** A name that is this worker's alone, in the leases it takes. */
  readonly id: string;
  start(): void;
  /** Stops looking for events, cuts any attempt short (the event stays due) and waits for the pass to end. */
  stop(): Promise<void>;
  /** One pass now (tests, and the loop itself). */
  runOnce(): Promise<PassResult>;
  /** Since when deliveries have been failing, or null while they go through. */
  failingSince(): Date | null;
}

/**
 * Delivers the outbox in the background of one server process, off every request's path:
 * nothing a request does waits for it. An outage is logged twice, when it starts (warn) and
 * when it ends (info), however many attempts fail in between.
 */
export function webhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const id = `${process.pid}-${randomUUID()}`;
  const now = options.now ?? (() => new Date());
  const idleMs = options.idleMs ?? 1_000;
  const pruneEveryMs = options.pruneEveryMs ?? 10 * 60_000;
  const stopping = new AbortController();
  let failing: { since: Date; error: string } | null = null;
  let storeFailing = false;
  let prunedAt = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function runOnce(): Promise<PassResult> {
    const at = now();
    if (at.getTime() - prunedAt >= pruneEveryMs) {
      prunedAt = at.getTime();
      await options.outbox.prune(new Date(at.getTime() - WEBHOOK_TIMING.retentionMs));
    }
    const result = await deliverDue({ ...options, worker: id }, now, stopping.signal);
    for (const event of result.givenUp) {
      options.log.error({ eventId: event.eventId, userId: event.userId, attempts: event.attempts + 1 }, "security event given up after 24 hours of failed deliveries");
    }
    if (result.failure && !failing) {
      failing = { since: now(), error: result.failure };
      options.log.warn({ url: options.url, error: result.failure }, "security events webhook failing; events are kept and retried");
    } else if (!result.failure && result.delivered > 0 && failing) {
      options.log.info({ url: options.url, failingSince: failing.since.toISOString() }, "security events webhook delivering again");
      failing = null;
    }
    return result;
  }

  function schedule(delayMs: number) {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => {
      const pass = runOnce().then(
        (result) => {
          if (storeFailing) options.log.info({}, "security events outbox readable again");
          storeFailing = false;
          return result.claimed === WEBHOOK_TIMING.batch ? 0 : idleMs;
        },
        (error: unknown) => {
          if (!storeFailing) options.log.warn({ err: error }, "security events outbox unreadable; retrying");
          storeFailing = true;
          return idleMs;
        },
      );
      running = pass.then(schedule);
    }, delayMs);
    timer.unref();
  }

  return {
    id,
    start: () => schedule(0),
    async stop() {
      stopping.abort();
      clearTimeout(timer);
      await running;
    },
    runOnce,
    failingSince: () => failing?.since ?? null,
  };
}
