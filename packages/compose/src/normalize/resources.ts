import { invalid } from '../errors.js';
import type { Resources } from '../model.js';
import { parseBytes, parseCpus, parseInteger } from '../units.js';

type Raw = Record<string, unknown>;

/**
 * Pure: `mem_limit`, `mem_reservation`, `cpus`, `pids_limit` and `deploy.resources` (limits
 * and reservations) → one set of numbers. Both forms may be given only when they agree.
 * `reservations.cpus` has no single-host meaning in Docker and is ignored.
 */
export function normalizeResources(svc: Raw, where: string): Resources {
  const res = ((svc.deploy as Raw | undefined)?.resources ?? {}) as Raw;
  const limits = (res.limits ?? {}) as Raw;
  const reservations = (res.reservations ?? {}) as Raw;
  const bytes = (v: unknown, at: string) => (v === undefined ? null : parseBytes(v as string, at));
  const cpus = (v: unknown, at: string) => (v === undefined ? null : parseCpus(v as string, at));
  const int = (v: unknown, at: string) => (v === undefined ? null : parseInteger(v as string, at));
  const dr = `${where}.deploy.resources`;
  return {
    memoryLimit: agree(
      bytes(svc.mem_limit, `${where}.mem_limit`),
      bytes(limits.memory, `${dr}.limits.memory`),
      `${where}: mem_limit and deploy.resources.limits.memory differ`,
    ),
    memoryReservation: agree(
      bytes(svc.mem_reservation, `${where}.mem_reservation`),
      bytes(reservations.memory, `${dr}.reservations.memory`),
      `${where}: mem_reservation and deploy.resources.reservations.memory differ`,
    ),
    cpus: agree(
      cpus(svc.cpus, `${where}.cpus`),
      cpus(limits.cpus, `${dr}.limits.cpus`),
      `${where}: cpus and deploy.resources.limits.cpus differ`,
    ),
    pidsLimit: agree(
      int(svc.pids_limit, `${where}.pids_limit`),
      int(limits.pids, `${dr}.limits.pids`),
      `${where}: pids_limit and deploy.resources.limits.pids differ`,
    ),
  };
}

function agree(a: number | null, b: number | null, message: string): number | null {
  if (a !== null && b !== null && a !== b) throw invalid(message);
  const v = a ?? b;
  // 0 (and pids_limit -1) mean "no limit" in Compose
  return v !== null && v <= 0 ? null : v;
}
