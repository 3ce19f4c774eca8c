import type { ContainerRecord } from './record.js';
import { shouldRestart } from './restart-policy.js';
import { compareText } from '../text-order.js';

/** Compose's labels (Compose v2 writes them; Berth's compose engine too). */
const PROJECT = 'com.docker.compose.project';
const SERVICE = 'com.docker.compose.service';
/** `db:service_healthy:false,cache:service_started:false` (service:condition:restart). */
const DEPENDS_ON = 'com.docker.compose.depends_on';

/**
 * Pure: Docker's decision at daemon start for an exited container: `always` (even one stopped
 * by hand), `unless-stopped` unless stopped by hand, `on-failure` after a non-zero exit (255
 * for one the host took down) within its retry limit, unless stopped by hand — where Berth
 * departs from dockerd, which also starts an `on-failure` container a user stopped
 * (docs/decisions.md).
 */
export function startsAtBoot(rec: ContainerRecord): boolean {
  return (
    rec.state === 'exited' &&
    shouldRestart(rec.restartPolicy, {
      exitCode: rec.exitCode ?? 0,
      manuallyStopped: rec.manuallyStopped,
      restartCount: rec.restartCount,
      onAgentStart: true,
    })
  );
}

const serviceKey = (project: string, service: string) => `${project}\u0000${service}`;

/** Pure: the services a container's compose labels say it depends on (same project). */
export function composeDependencies(rec: ContainerRecord): string[] {
  const project = rec.labels[PROJECT];
  const list = rec.labels[DEPENDS_ON];
  if (!project || !list) return [];
  return list
    .split(',')
    .map((entry) => entry.split(':')[0]?.trim() ?? '')
    .filter((service) => service !== '')
    .map((service) => serviceKey(project, service));
}

const byCreation = (a: ContainerRecord, b: ContainerRecord) =>
  compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id);

/**
 * Pure: the order in which `starting` are started: a container after the containers of the
 * compose services it depends on (those that start too), otherwise in creation order. A
 * dependency cycle is broken in creation order rather than refused.
 */
export function bootOrder(starting: readonly ContainerRecord[]): ContainerRecord[] {
  const pending = [...starting].sort(byCreation);
  const keyOf = (r: ContainerRecord) =>
    r.labels[PROJECT] && r.labels[SERVICE]
      ? serviceKey(r.labels[PROJECT], r.labels[SERVICE])
      : null;
  const out: ContainerRecord[] = [];
  while (pending.length > 0) {
    const waiting = new Set(pending.map(keyOf).filter((k): k is string => k !== null));
    const ready = pending.findIndex((r) =>
      composeDependencies(r).every((d) => !waiting.has(d) || d === keyOf(r)),
    );
    const [next] = pending.splice(ready < 0 ? 0 : ready, 1);
    if (next) out.push(next);
  }
  return out;
}
