import type { AlertKind } from '../../lib/alert-api-schemas.js';

export interface DescribeInput {
  kind: AlertKind;
  hostName: string;
  containerName: string | null;
  value: number | null;
  params: Record<string, unknown>;
}

const pct = (v: number | null) => (v === null ? '?' : `${Math.round(v)} %`);

/** Pure: one line saying what fired, for notifications and the history page. */
export function describeAlert(a: DescribeInput): string {
  const ctr = `Container ${a.containerName ?? '?'} on ${a.hostName}`;
  const p = a.params;
  switch (a.kind) {
    case 'container_exited':
      return `${ctr} exited unexpectedly${a.value === null ? '' : ` (code ${a.value})`}`;
    case 'restart_loop':
      return `${ctr} exited ${a.value ?? '?'} times within ${String(p.windowSec)} s (restart loop)`;
    case 'oom_killed':
      return `${ctr} was killed by the OOM killer`;
    case 'unhealthy':
      return `${ctr} is unhealthy`;
    case 'host_offline':
      return `Host ${a.hostName} is offline (for at least ${String(p.forSec)} s)`;
    case 'cpu_high':
      return `${ctr} uses ${pct(a.value)} of its CPU limit (above ${String(p.percent)} % for ${String(p.forSec)} s)`;
    case 'memory_high':
      return `${ctr} uses ${pct(a.value)} of its memory limit (above ${String(p.percent)} % for ${String(p.forSec)} s)`;
    case 'disk_high':
      return `The data root of ${a.hostName} is ${pct(a.value)} full (above ${String(p.percent)} %)`;
  }
}
