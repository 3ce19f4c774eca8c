import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs` (for "5 s ago" labels). `initial` (ms since the
 * epoch) is the first value: a server-rendered page passes the server's clock so the hydrated
 * text matches the HTML.
 */
export function useNow(intervalMs: number, initial?: number): Date {
  const [now, setNow] = useState(() => (initial === undefined ? new Date() : new Date(initial)));
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
