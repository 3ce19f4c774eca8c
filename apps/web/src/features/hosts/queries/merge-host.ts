import type { QueryClient } from '@tanstack/react-query';
import type { HostDto } from '../../../lib/dto/host.js';
import { hostKeys } from './query-keys.js';

/** Pure: the list with `host` inserted or replaced, sorted by name. */
export function mergeHostIntoList(list: readonly HostDto[], host: HostDto): HostDto[] {
  const rest = list.filter((h) => h.id !== host.id);
  return [...rest, host].sort((a, b) => a.name.localeCompare(b.name));
}

/** Apply a pushed or mutated host to every cached view of it (no refetch). */
export function applyHost(qc: QueryClient, host: HostDto): void {
  qc.setQueryData<HostDto[]>(hostKeys.list(), (list) =>
    list ? mergeHostIntoList(list, host) : list,
  );
  qc.setQueryData<HostDto>(hostKeys.detail(host.id), host);
}
