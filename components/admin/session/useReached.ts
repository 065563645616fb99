import { useEffect, useState } from "react";

// setTimeout fires at once beyond 2^31-1 ms (about 24.8 days); a 30-day cap is further off.
const MAX_TIMER_MS = 24 * 3600 * 1000;

/** Whether the wall clock has reached `at` (ms), re-rendering when it does. */
export function useReached(at: number | null): boolean {
  const [reached, setReached] = useState<number | null>(null);
  useEffect(() => {
    if (at === null) return;
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const left = at - Date.now();
      if (left <= 0) setReached(at);
      else timer = setTimeout(check, Math.min(left, MAX_TIMER_MS));
    };
    timer = setTimeout(check, 0);
    return () => clearTimeout(timer);
  }, [at]);
  return at !== null && reached === at;
}
