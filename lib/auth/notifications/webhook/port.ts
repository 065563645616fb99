/** One event waiting in the outbox: the exact body to POST and its id for receivers to dedupe by. */
export interface OutboxEvent {
  id: number;
  eventId: string;
  userId: number | null;
  payload: string;
  createdAt: Date;
  attempts: number;
}

/** What happened to a claimed event after one attempt. */
export type AttemptOutcome =
  | { delivered: true }
  | { delivered: false; error: string; retryAt: Date | null };

/**
 * The operators' webhook outbox, shared by every instance through the database. A claim is a
 * lease (a conditional UPDATE on rows whose lease ran out), so two instances never both hold
 * an event while both are alive; a lease that runs out hands the event to another worker.
 */
export interface SecurityEventOutbox {
  /**
   * Leases up to `limit` events that are due, each the oldest undelivered one of its user, to
   * `worker` until `until`. A user's later event waits while an earlier one is undelivered.
   */
  claim(worker: string, now: Date, until: Date, limit: number): Promise<OutboxEvent[]>;
  /** Records an attempt's outcome, only while `worker` still holds the lease. */
  settle(id: number, worker: string, outcome: AttemptOutcome, now: Date): Promise<void>;
  /** Deletes events delivered before `before`; how many. */
  prune(before: Date): Promise<number>;
}

/** The JSON body POSTed for each event (docs/notifications.md#webhook-for-operators). */
export interface SecurityEventPayload {
  id: string;
  type: string;
  at: string;
  userId: number | null;
  username: string | null;
  detail: Record<string, unknown>;
}
