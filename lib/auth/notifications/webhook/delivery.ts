import type { AttemptOutcome, OutboxEvent, SecurityEventOutbox } from "./port";
import { signatureOf } from "./signature";

/** The delivery schedule (docs/notifications.md#webhook-for-operators). */
export const WEBHOOK_TIMING = {
  /** The first retry's delay; each later one doubles it, up to `maxRetryMs`. */
  firstRetryMs: 5_000,
  maxRetryMs: 15 * 60_000,
  /** An event not delivered this long after it happened is given up. */
  giveUpMs: 24 * 3_600_000,
  /** How long one attempt may take before it counts as failed. */
  timeoutMs: 5_000,
  /** How long a claim holds an event: well past one attempt's timeout. */
  leaseMs: 30_000,
  /** Delivered (or given-up) events are kept this long, then pruned. */
  retentionMs: 7 * 86_400_000,
  batch: 10,
} as const;

export interface DeliverySettings {
  url: string;
  secret: string;
  outbox: SecurityEventOutbox;
  /** This worker's name in the leases it takes. */
  worker: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** The delay before attempt `attempts + 1`, after `attempts` failed ones (5 s, 10 s, 20 s … 15 min). */
export const retryDelayMs = (attempts: number): number =>
  Math.min(WEBHOOK_TIMING.firstRetryMs * 2 ** Math.max(0, attempts - 1), WEBHOOK_TIMING.maxRetryMs);

/** When to try again after a failed attempt, or null once the event is past its 24 hours. */
export function retryAt(event: Pick<OutboxEvent, "createdAt" | "attempts">, now: Date): Date | null {
  const deadline = event.createdAt.getTime() + WEBHOOK_TIMING.giveUpMs;
  if (now.getTime() >= deadline) return null;
  return new Date(Math.min(now.getTime() + retryDelayMs(event.attempts + 1), deadline));
}

/** POSTs one event; null when the receiver took it (any 2xx), otherwise why not. */
export async function post(settings: DeliverySettings, event: OutboxEvent, stop?: AbortSignal): Promise<string | null> {
  const timeoutMs = settings.timeoutMs ?? WEBHOOK_TIMING.timeoutMs;
  const signal = stop ? AbortSignal.any([stop, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  try {
    const response = await (settings.fetch ?? fetch)(settings.url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Gatehouse-Signature": signatureOf(event.payload, settings.secret),
        "X-Gatehouse-Event-Id": event.eventId,
      },
      body: event.payload,
      redirect: "manual",
      signal,
    });
    await response.body?.cancel().catch(() => undefined);
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return describe(error, timeoutMs);
  }
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return error.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : "stopped";
  }
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

export interface PassResult {
  claimed: number;
  delivered: number;
  /** The last failure's reason in this pass, if any attempt failed. */
  failure: string | null;
  givenUp: OutboxEvent[];
}

/**
 * One delivery pass: claims the due events (at most one per user, the oldest, so a user's
 * events go out in order), POSTs them side by side and records each outcome.
 */
export async function deliverDue(settings: DeliverySettings, now: () => Date, stop?: AbortSignal): Promise<PassResult> {
  const start = now();
  const events = await settings.outbox.claim(settings.worker, start, new Date(start.getTime() + WEBHOOK_TIMING.leaseMs), WEBHOOK_TIMING.batch);
  const result: PassResult = { claimed: events.length, delivered: 0, failure: null, givenUp: [] };
  await Promise.all(
    events.map(async (event) => {
      const error = await post(settings, event, stop);
      const at = now();
      let outcome: AttemptOutcome;
      if (error === null) {
        outcome = { delivered: true };
        result.delivered++;
      } else {
        // Stopping is no failure of the receiver's: the event is simply due again at once.
        const retry = stop?.aborted ? at : retryAt(event, at);
        outcome = { delivered: false, error, retryAt: retry };
        if (!stop?.aborted) result.failure = error;
        if (retry === null) result.givenUp.push(event);
      }
      await settings.outbox.settle(event.id, settings.worker, outcome, at);
    }),
  );
  return result;
}
