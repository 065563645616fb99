export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1, the share of each delay that is randomised so tabs do not retry in step. */
  jitter: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, maxMs: 30_000, jitter: 0.2 };

/** Exponential delay before retry number `attempt` (0 for the first retry). */
export function backoffDelay(attempt: number, options: BackoffOptions = defaultBackoff, random: () => number = Math.random): number {
  const exponential = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
  return Math.round(exponential * (1 - options.jitter + options.jitter * random()));
}
