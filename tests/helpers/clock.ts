import { vi } from "vitest";

/**
 * Moves the clock the route handlers read (`new Date()`) without touching timers, so the
 * database drivers keep working. Call `vi.useRealTimers()` (or `restoreClock`) after.
 */
export function setClock(at: Date | number): void {
  vi.useFakeTimers({ toFake: ["Date"], now: at });
}

export function advanceClock(seconds: number): void {
  vi.setSystemTime(Date.now() + seconds * 1000);
}

export function restoreClock(): void {
  vi.useRealTimers();
}
