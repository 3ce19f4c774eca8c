import type { NetworkStats } from './stats.js';

/**
 * Pure: /proc/<pid>/net/dev summed over interfaces except `lo`.
 * Columns: rx bytes packets errs drop fifo frame compressed multicast | tx bytes packets errs …
 */
export function parseNetDev(text: string): NetworkStats | null {
  const rows = text
    .split('\n')
    .slice(2)
    .map((l) => /^\s*([^:]+):\s*(.*)$/.exec(l))
    .filter((m): m is RegExpExecArray => m !== null && m[1]?.trim() !== 'lo');
  if (rows.length === 0) return null;
  const total: NetworkStats = {
    rxBytes: 0,
    txBytes: 0,
    rxPackets: 0,
    txPackets: 0,
    rxErrors: 0,
    txErrors: 0,
  };
  for (const m of rows) {
    const c = (m[2] ?? '').trim().split(/\s+/).map(Number);
    if (c.length < 11 || c.some((n) => !Number.isFinite(n))) continue;
    total.rxBytes += c[0] ?? 0;
    total.rxPackets += c[1] ?? 0;
    total.rxErrors += c[2] ?? 0;
    total.txBytes += c[8] ?? 0;
    total.txPackets += c[9] ?? 0;
    total.txErrors += c[10] ?? 0;
  }
  return total;
}
