import type { ContainerStats } from '@berth/protocol';
import { percentOfHost, percentOfLimit, type CpuSample, type Stats } from '@berth/runtime';

/** Pure: the runtime's Stats (+ the previous CPU sample) → the wire's normalized ContainerStats. */
export function toContainerStats(
  c: { id: string; name: string },
  s: Stats,
  prev: CpuSample | null,
  onlineCpus: number,
): ContainerStats {
  const cur: CpuSample = { usageNs: s.cpu.usageNs, timestampMs: s.timestampMs };
  const net = s.network;
  return {
    id: c.id,
    name: c.name,
    at: s.timestampMs,
    cpu: {
      usageNs: s.cpu.usageNs,
      percentOfHost: prev ? percentOfHost(prev, cur, onlineCpus) : null,
      percentOfLimit: prev ? percentOfLimit(prev, cur, s.cpu) : null,
      onlineCpus,
      periods: s.cpu.periods,
      throttledPeriods: s.cpu.throttledPeriods,
      throttledNs: s.cpu.throttledNs,
    },
    memory: { ...s.memory },
    io: { ...s.io },
    pids: { ...s.pids },
    net: {
      rxBytes: net?.rxBytes ?? null,
      txBytes: net?.txBytes ?? null,
      rxPackets: net?.rxPackets ?? null,
      txPackets: net?.txPackets ?? null,
      rxErrors: net?.rxErrors ?? null,
      txErrors: net?.txErrors ?? null,
    },
    psi: s.psi,
  };
}
