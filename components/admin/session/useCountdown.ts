import { useCallback, useEffect, useState } from "react";

/** Whole seconds left until a moment set with `start`, ticking down to zero. */
export function useCountdown() {
  const [until, setUntil] = useState<number | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);

  useEffect(() => {
    if (until === null) return;
    const tick = () => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      setSecondsLeft(left);
      if (left === 0) setUntil(null);
    };
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [until]);

  const start = useCallback((seconds: number) => {
    setSecondsLeft(Math.ceil(seconds));
    setUntil(Date.now() + seconds * 1000);
  }, []);

  return { secondsLeft, start };
}
