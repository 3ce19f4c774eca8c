import type { QueryClient } from '@tanstack/react-query';
import type { HostDto } from '../../../lib/dto/host.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import { containerKeys } from '../../containers/queries/query-keys.js';
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

/** A host was removed: drop it, and the containers mirrored from it, from every cached view. */
export function dropHost(qc: QueryClient, hostId: string): void {
  qc.setQueryData<HostDto[]>(hostKeys.list(), (list) => list?.filter((h) => h.id !== hostId));
  qc.removeQueries({ queryKey: hostKeys.detail(hostId), exact: true });
  qc.setQueryData<ContainerDto[]>(containerKeys.list(), (list) =>
    list?.filter((c) => c.hostId !== hostId),
  );
}
