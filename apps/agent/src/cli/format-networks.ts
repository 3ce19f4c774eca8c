import type { Network } from '@berth/protocol';
import { formatTable } from './table.js';

/** `network ls`: docker's columns plus the subnet (what a user needs to tell networks apart). */
export function formatNetworksTable(list: readonly Network[]): string {
  return formatTable(
    ['NETWORK ID', 'NAME', 'DRIVER', 'SCOPE', 'SUBNET', 'INTERNAL'],
    list.map((n) => [
      n.id.slice(0, 12),
      n.name,
      n.driver,
      n.scope,
      n.subnet,
      n.internal ? 'yes' : 'no',
    ]),
  );
}

/** Pure: `--filter k=v` flags → the `filters` query (Docker's JSON object of arrays). */
export function filtersQuery(filters: readonly string[]): string {
  if (filters.length === 0) return '';
  const obj: Record<string, string[]> = {};
  for (const f of filters) {
    const i = f.indexOf('=');
    const k = i < 0 ? f : f.slice(0, i);
    obj[k] = [...(obj[k] ?? []), i < 0 ? '' : f.slice(i + 1)];
  }
  return `?filters=${encodeURIComponent(JSON.stringify(obj))}`;
}
