import type { HostsService } from '../hosts/hosts-service.js';
import type { Principal } from '../auth/principal.js';
import type { LiveFleet } from '../fleet/live-fleet.js';
import { allowsHost } from '../tokens/access.js';
import { fleetFamilies } from './fleet-families.js';
import { renderMetrics } from './render.js';

/**
 * `GET /metrics`: one Prometheus scrape target for the whole fleet (a host-limited token sees
 * its hosts only, and not the web process's own metrics).
 */
export function createMetricsService(deps: {
  hosts: Pick<HostsService, 'list'>;
  fleet: LiveFleet;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  return {
    async scrape(p: Principal) {
      const hosts = (await deps.hosts.list()).filter((h) => allowsHost(p, h.id));
      const rtt = new Map(
        await Promise.all(hosts.map(async (h) => [h.id, await deps.fleet.rtt(h.id)] as const)),
      );
      const families = fleetFamilies({ now: now(), hosts, live: deps.fleet.host, rtt });
      return renderMetrics(families, { withProcess: !p.token?.hosts });
    },
  };
}
export type MetricsService = ReturnType<typeof createMetricsService>;
