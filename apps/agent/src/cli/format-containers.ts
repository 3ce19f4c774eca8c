import type { ContainerStats, ContainerSummary, PortBinding, Volume } from '@berth/protocol';
import { humanDuration, humanSize } from './human.js';
import { formatTable } from './table.js';

const ago = (iso: string | null, now: number) =>
  iso === null || Number.isNaN(Date.parse(iso))
    ? null
    : humanDuration(Math.max(0, now - Date.parse(iso)));

/** Docker's health suffix: ` (healthy)`, ` (unhealthy)`, ` (health: starting)`. */
export const healthSuffix = (h: ContainerSummary['health']): string =>
  h === 'starting' ? ' (health: starting)' : h ? ` (${h})` : '';

/**
 * Docker's STATUS column: `Up 3 minutes`, `Up 3 minutes (healthy)`, `Up 3 minutes (Paused)`,
 * `Exited (137) 2 seconds ago`.
 */
export function containerStatus(c: ContainerSummary, now: number): string {
  switch (c.state) {
    case 'created':
      return 'Created';
    case 'running':
      return `Up ${ago(c.startedAt, now) ?? 'Less than a second'}${healthSuffix(c.health)}`;
    case 'paused':
      return `Up ${ago(c.startedAt, now) ?? 'Less than a second'} (Paused)`;
    case 'removing':
      return 'Removal In Progress';
    case 'exited': {
      const when = ago(c.finishedAt, now);
      return `Exited (${c.exitCode ?? 0})${when ? ` ${when} ago` : ''}`;
    }
  }
}

/** `127.0.0.1:8080->80/tcp`, `0.0.0.0:53->53/udp`, `[::1]:8080->80/tcp`, comma-separated. */
export function formatPorts(ports: readonly PortBinding[]): string {
  return ports
    .map((p) => {
      const ip = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
      return `${ip}:${p.hostPort}->${p.containerPort}/${p.protocol}`;
    })
    .join(', ');
}

/** Docker quotes and truncates the command: `"httpd -f -p 80"`, `"sh -c 'sleep 1…"`. */
export function formatCommand(command: readonly string[], max = 20): string {
  const text = command.join(' ');
  return `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;
}

export function formatPsTable(list: readonly ContainerSummary[], now: number): string {
  return formatTable(
    ['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES'],
    list.map((c) => [
      c.id.slice(0, 12),
      c.image.startsWith('sha256:') ? c.image.slice(7, 19) : c.image,
      formatCommand(c.command),
      `${ago(c.createdAt, now) ?? 'N/A'} ago`,
      containerStatus(c, now),
      formatPorts(c.ports),
      c.name,
    ]),
  );
}

/** `ps --format json`: one object per line with the stable keys below. */
export function psJson(c: ContainerSummary, now: number) {
  return {
    id: c.id,
    name: c.name,
    image: c.image,
    imageId: c.imageId,
    command: c.command,
    state: c.state,
    status: containerStatus(c, now),
    exitCode: c.exitCode,
    oomKilled: c.oomKilled,
    createdAt: c.createdAt,
    startedAt: c.startedAt,
    finishedAt: c.finishedAt,
    ports: c.ports,
    labels: c.labels,
    limits: c.limits,
    restartCount: c.restartCount,
    health: c.health ?? null,
    elevated: c.elevated,
  };
}

/** `stats --format json` keys (bytes, percentages; null when unknown). */
export function statsJson(s: ContainerStats) {
  return {
    id: s.id,
    name: s.name,
    cpuPercent: s.cpu.percentOfHost,
    cpuPercentOfLimit: s.cpu.percentOfLimit,
    memoryUsage: s.memory.usage,
    memoryWorkingSet: s.memory.workingSet,
    memoryLimit: s.memory.limit,
    memoryPercent:
      s.memory.workingSet !== null && s.memory.limit
        ? (s.memory.workingSet / s.memory.limit) * 100
        : null,
    pids: s.pids.current,
    pidsLimit: s.pids.limit,
    netRx: s.net.rxBytes,
    netTx: s.net.txBytes,
    blockRead: s.io.readBytes,
    blockWrite: s.io.writeBytes,
    at: new Date(s.at).toISOString(),
  };
}

const size = (n: number | null) => (n === null ? '--' : humanSize(n));
const binSize = (n: number | null) => {
  if (n === null) return '--';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number(v.toFixed(2))}${units[i]}`;
};
const pct = (n: number | null) => (n === null ? '--' : `${n.toFixed(2)}%`);

/** Docker's stats table; memory shows the working set (usage − inactive file), like docker. */
export function formatStatsTable(list: readonly ContainerStats[], hostMemory: number): string {
  return formatTable(
    ['CONTAINER ID', 'NAME', 'CPU %', 'MEM USAGE / LIMIT', 'MEM %', 'NET I/O', 'BLOCK I/O', 'PIDS'],
    list.map((s) => {
      const j = statsJson(s);
      const limit = j.memoryLimit ?? hostMemory;
      const memPct =
        j.memoryWorkingSet === null || !limit ? null : (j.memoryWorkingSet / limit) * 100;
      return [
        s.id.slice(0, 12),
        s.name,
        pct(j.cpuPercent),
        `${binSize(j.memoryWorkingSet)} / ${binSize(limit)}`,
        pct(memPct),
        `${size(j.netRx)} / ${size(j.netTx)}`,
        `${size(j.blockRead)} / ${size(j.blockWrite)}`,
        j.pids === null ? '--' : String(j.pids),
      ];
    }),
  );
}

export function formatVolumesTable(vols: readonly Volume[]): string {
  return formatTable(
    ['DRIVER', 'VOLUME NAME'],
    vols.map((v) => ['local', v.name]),
  );
}

/** `events` text line: `2026-… container die 4d1a… (name=web, image=busybox, exitCode=0)`. */
export function formatEventLine(e: {
  kind: string;
  type: string;
  id: string;
  at: string;
  [k: string]: unknown;
}): string {
  const attrs = Object.entries(e)
    .filter(([k, v]) => !['kind', 'type', 'id', 'at'].includes(k) && v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`);
  return `${e.at} ${e.kind} ${e.type} ${e.id}${attrs.length ? ` (${attrs.join(', ')})` : ''}\n`;
}
