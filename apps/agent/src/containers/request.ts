import type { CreateContainerRequest, UpdateContainerRequest } from '@berth/protocol';
import type { CreateOptionsInput, ResourceUpdateInput } from '@berth/runtime';
import { AgentError } from '../errors.js';

/** Pure: docker's `--tmpfs /path[:opts]` list → the runtime's target → options map. */
export function parseTmpfs(specs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of specs) {
    const i = spec.indexOf(':');
    const target = i < 0 ? spec : spec.slice(0, i);
    if (!target.startsWith('/'))
      throw new AgentError('INVALID_ARGUMENT', `--tmpfs "${spec}": the target must be absolute`);
    out[target] = i < 0 ? '' : spec.slice(i + 1);
  }
  return out;
}

/**
 * Pure: a validated create request → the runtime's create options. `image` (the name as given)
 * and `autoRemove` ride along in the record's options (the runtime keeps unknown keys as given).
 */
export function toCreateOptions(
  req: CreateContainerRequest,
): CreateOptionsInput & { image: string; autoRemove: boolean } {
  const o: CreateOptionsInput & { image: string; autoRemove: boolean } = {
    image: req.image,
    autoRemove: req.autoRemove ?? false,
    env: req.env ?? [],
    ports: req.ports ?? [],
    volumes: req.volumes ?? [],
    labels: req.labels ?? {},
    network: req.network ?? 'bridge',
    networks: networksOf(req),
    tmpfs: parseTmpfs(req.tmpfs ?? []),
    capAdd: req.capAdd ?? [],
    capDrop: req.capDrop ?? [],
    privileged: req.privileged ?? false,
    readOnly: req.readOnly ?? false,
    init: req.init ?? false,
    tty: req.tty ?? false,
    openStdin: req.openStdin ?? false,
  };
  const copy = [
    'name',
    'cmd',
    'entrypoint',
    'workdir',
    'user',
    'hostname',
    'memory',
    'memorySwap',
    'cpus',
    'cpuShares',
    'cpusetCpus',
    'pidsLimit',
    'restart',
    'stopSignal',
    'stopTimeout',
    'securityOpt',
    'cgroupns',
    'dns',
    'extraHosts',
    'memoryReservation',
    'pid',
    'ipc',
    'uts',
    'devices',
    'sysctls',
  ] as const;
  for (const k of copy) if (req[k] !== undefined) Object.assign(o, { [k]: req[k] });
  return o;
}

/**
 * Pure: `networkAliases`/`ip` (for `network`) and `networks` → the runtime's list. Aliases and an
 * address need a named network: the runtime refuses them on the built-in one.
 */
export function networksOf(
  req: CreateContainerRequest,
): NonNullable<CreateOptionsInput['networks']> {
  const list = (req.networks ?? []).map((n) => ({
    network: n.network,
    ...(n.aliases ? { aliases: [...n.aliases] } : {}),
    ...(n.ipv4Address ? { ipv4Address: n.ipv4Address } : {}),
  }));
  if (req.networkAliases === undefined && req.ip === undefined) return list;
  const target = req.network ?? 'bridge';
  if (target === 'host' || target === 'none')
    throw new AgentError(
      'INVALID_ARGUMENT',
      `--network-alias and --ip need a user-defined network, not ${target}`,
    );
  const i = list.findIndex((n) => n.network === target);
  const head = {
    ...(list[i] ?? { network: target }),
    ...(req.networkAliases ? { aliases: [...req.networkAliases] } : {}),
    ...(req.ip ? { ipv4Address: req.ip } : {}),
  };
  return [head, ...list.filter((_, j) => j !== i)];
}

export function toUpdateInput(req: UpdateContainerRequest): ResourceUpdateInput {
  const out: ResourceUpdateInput = {};
  for (const [k, v] of Object.entries(req)) if (v !== undefined) Object.assign(out, { [k]: v });
  if (Object.keys(out).length === 0)
    throw new AgentError('INVALID_ARGUMENT', 'update needs at least one field to change');
  return out;
}
