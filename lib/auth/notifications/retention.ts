import { NOTIFICATION_RETENTION_DAYS, type NotificationStore } from "./storage";

const DAY_MS = 86_400_000;

/** The moment before which notices are past retention. */
export const retentionCutoff = (now: Date) => new Date(now.getTime() - NOTIFICATION_RETENTION_DAYS * DAY_MS);

export interface RetentionSweep {
  /** One pass: everyone's notices past retention go; how many. */
  sweep(now?: Date): Promise<number>;
  stop(): void;
}

/**
 * Prunes notices past retention for every user, on a timer of this process. Writing a notice
 * already prunes its owner's old ones; this pass reaches the people who get no new notice.
 * The first pass waits a whole interval, so a short-lived process (a test, a CLI) deletes
 * nothing behind its own back. Passes are idempotent, so instances need no coordination.
 */
export function startRetentionSweep(
  store: Pick<NotificationStore, "pruneBefore">,
  onError: (error: unknown) => void,
  everyMs = 60 * 60_000,
): RetentionSweep {
  const sweep = (now = new Date()) => store.pruneBefore(retentionCutoff(now));
  const timer = setInterval(() => void sweep().catch(onError), everyMs);
  timer.unref?.();
  return { sweep, stop: () => clearInterval(timer) };
}
