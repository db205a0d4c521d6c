import { useEffect, useRef, useState } from 'react';

/** Counts down whole seconds from `seconds` and calls `onDone` once at zero. */
export function useCountdown(seconds: number, onDone?: () => void): number {
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    setLeft(seconds);
    if (seconds <= 0) {
      done.current?.();
      return undefined;
    }
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(timer);
        done.current?.();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
}
