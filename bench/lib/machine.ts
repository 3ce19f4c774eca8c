import { arch, cpus, release, totalmem } from 'node:os';

export interface MachineFacts {
  readonly cpus: number;
  readonly cpuModel: string;
  readonly memoryBytes: number;
  readonly kernel: string;
  readonly arch: string;
  readonly node: string;
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
  };
}

export function describeMachine(m: MachineFacts): string {
  const gib = (m.memoryBytes / (1 << 30)).toFixed(0);
  return `${m.cpus} cores (${m.cpuModel}), ${gib} GiB RAM, Linux ${m.kernel} ${m.arch}, Node ${m.node}`;
}
