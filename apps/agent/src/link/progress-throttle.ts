import type { LayerProgress } from '@berth/protocol';

/**
 * Pure decision for progress events over the link: a layer's status change always goes out,
 * byte updates at most every `intervalMs` per layer (the web only draws bars).
 */
export function createProgressThrottle(intervalMs: number, now: () => number = Date.now) {
  const last = new Map<string, { status: string; at: number }>();
  return (p: LayerProgress): boolean => {
    const prev = last.get(p.layer);
    const t = now();
    if (prev && prev.status === p.status && t - prev.at < intervalMs && p.current !== p.total)
      return false;
    last.set(p.layer, { status: p.status, at: t });
    return true;
  };
}
