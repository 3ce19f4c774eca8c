import { arch, cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineFacts {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryBytes: number;
  readonly kernel: string;
  readonly arch: string;
  readonly node: string;
  /** 1-minute load average when the benchmark started: how busy the shared machine was. */
  readonly load1: number;
}

export function machineFacts(): MachineFacts {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    kernel: release(),
    arch: arch(),
    node: process.version,
    load1: loadavg()[0] ?? 0,
  };
}

export function describeMachine(m: MachineFacts): string {
  const gib = (m.memoryBytes / (1 << 30)).toFixed(0);
  return `${m.cpus} cores (${m.cpuModel}), ${gib} GiB RAM, Linux ${m.kernel} ${m.arch}, Node ${m.node}, load ${m.load1.toFixed(2)}`;
}
