import type { HostDto } from '../../lib/dto/host.js';

export function countByStatus(hosts: readonly HostDto[]) {
  const out = { total: hosts.length, online: 0, offline: 0, pending: 0, revoked: 0 };
  for (const h of hosts) out[h.status]++;
  return out;
}
