import type { ContainerSummary, StackProgress } from '@berth/protocol';
import { containerStatus, formatPorts } from './format-containers.js';
import { formatTable } from './table.js';

const SERVICE = 'com.docker.compose.service';
const PROJECT = 'com.docker.compose.project';
const NUMBER = 'com.docker.compose.container-number';

const KIND: Record<StackProgress['kind'], string> = {
  network: 'Network',
  volume: 'Volume',
  image: 'Image',
  container: 'Container',
  warning: 'WARN',
};

/** Pure: one progress line as `docker compose` prints it (` ✔ Container p-web-1  Started`). */
export function formatProgress(p: StackProgress): string {
  if (p.kind === 'warning') return `WARN[0000] ${p.status}\n`;
  return ` ✔ ${KIND[p.kind]} ${p.name}  ${p.status}\n`;
}

/** Pure: `docker compose ps`'s table: NAME IMAGE COMMAND SERVICE CREATED STATUS PORTS. */
export function formatStackPs(cs: readonly ContainerSummary[], now: number): string {
  return formatTable(
    ['NAME', 'IMAGE', 'COMMAND', 'SERVICE', 'STATUS', 'PORTS'],
    cs.map((c) => [
      c.name,
      c.image,
      JSON.stringify(c.command.join(' ').slice(0, 20)),
      c.labels[SERVICE] ?? '',
      containerStatus(c, now),
      formatPorts(c.ports),
    ]),
  );
}

/** Pure: `compose ps --format json`: one object per container. */
export function stackPsJson(c: ContainerSummary, now: number) {
  return {
    id: c.id,
    name: c.name,
    project: c.labels[PROJECT] ?? '',
    service: c.labels[SERVICE] ?? '',
    number: Number(c.labels[NUMBER] ?? 0),
    image: c.image,
    command: c.command,
    state: c.state,
    status: containerStatus(c, now),
    health: c.health ?? null,
    exitCode: c.exitCode,
    ports: c.ports,
  };
}

/** Pure: the `web-1  | ` prefix of a container's log lines, padded to the widest one. */
export function logPrefixes(cs: readonly ContainerSummary[]): Map<string, string> {
  const names = cs.map(
    (c) => [c.id, `${c.labels[SERVICE] ?? c.name}-${c.labels[NUMBER] ?? '1'}`] as const,
  );
  const width = Math.max(0, ...names.map(([, n]) => n.length));
  return new Map(names.map(([id, n]) => [id, `${n.padEnd(width)}  | `]));
}
