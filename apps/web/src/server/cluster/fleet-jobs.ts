import type { Db } from '../database/client.js';
import type { Logger } from '@berth/log';
import { createSessionsRepo } from '../auth/sessions-repo.js';
import { createHostsRepo } from '../hosts/hosts-repo.js';
import { createThrottleCountersRepo } from '../auth/throttle-counters-repo.js';
import { toHostDto, type HostDto } from '../../lib/dto/host.js';
import type { LeaseKeeper } from './leases.js';

const HOUR_MS = 3_600_000;
/** A host marked online that no replica holds and that has not been seen for this long is offline. */
export const STALE_HOST_MS = 60_000;

/**
 * The web's housekeeping, each job on one replica of the fleet at a time: expired sessions,
 * quiet throttle counters and, with several replicas, hosts left "online" by a replica that died
 * holding their sockets (a live replica marks its own agents offline when they disconnect).
 */
export function registerFleetJobs(deps: {
  leases: LeaseKeeper;
  db: Db;
  throttleForgetAfterMs: number;
  /** Replicated: sweep hosts whose replica died. */
  clustered: boolean;
  isConnected(hostId: string): boolean;
  onHostChanged(host: HostDto): void;
  log: Logger;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const sessions = createSessionsRepo(deps.db);
  const counters = createThrottleCountersRepo(deps.db);
  const hosts = createHostsRepo(deps.db);

  deps.leases.runOncePerFleet({
    name: 'sessions.sweep',
    everyMs: HOUR_MS,
    runOnAcquire: false,
    run: async () => void (await sessions.removeExpired(new Date(now()))),
  });
  deps.leases.runOncePerFleet({
    name: 'throttle.sweep',
    everyMs: HOUR_MS,
    run: async () => void (await counters.sweep(now(), deps.throttleForgetAfterMs)),
  });
  if (!deps.clustered) return;
  deps.leases.runOncePerFleet({
    name: 'hosts.stale',
    everyMs: STALE_HOST_MS / 4,
    run: async () => {
      const stale = await hosts.staleOnline(new Date(now() - STALE_HOST_MS));
      for (const row of stale) {
        if (deps.isConnected(row.id)) continue;
        await hosts.markOffline(row.id);
        const fresh = await hosts.findById(row.id);
        if (fresh) deps.onHostChanged(toHostDto(fresh));
        deps.log.warn(`host ${row.name}: no replica holds its agent; marked offline`);
      }
    },
  });
}
