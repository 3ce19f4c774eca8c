import type { CreateContainerRequest } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import type { ContainerCreateBody, HostConfig } from '../types/container-create.js';
import { unsupported } from './unsupported.js';

type EndpointConfig = NonNullable<
  NonNullable<NonNullable<ContainerCreateBody['NetworkingConfig']>['EndpointsConfig']>[string]
>;

export interface NetworkChoice {
  /** Berth's `network`: `bridge` (the built-in one), `none`, `host`, or a network's name/ID. */
  network: string;
  /** Each network to join with its aliases and address, in interface order (empty: `network` alone). */
  networks: NonNullable<CreateContainerRequest['networks']>;
  /** What inspect reports as `HostConfig.NetworkMode` (`default` stays `default`, as in Docker). */
  dockerMode: string;
}

const BUILTIN = new Set(['default', 'bridge']);
const MODES = new Set(['host', 'none']);

/** Pure: one `EndpointsConfig` entry → a network request (aliases, static IPv4). */
function endpointRequest(network: string, ep: EndpointConfig | null | undefined) {
  if (!ep) throw new AgentError('INVALID_ARGUMENT', `no EndpointSettings for ${network}`);
  if (ep.Links?.length) throw unsupported(`NetworkingConfig.EndpointsConfig.${network}.Links`);
  if (ep.IPAMConfig?.IPv6Address)
    throw unsupported(`NetworkingConfig.EndpointsConfig.${network}.IPAMConfig.IPv6Address`);
  const aliases = [...new Set(ep.Aliases ?? [])];
  const ip = ep.IPAMConfig?.IPv4Address;
  if (BUILTIN.has(network) && (aliases.length || ip))
    throw new AgentError(
      'INVALID_ARGUMENT',
      aliases.length
        ? 'network-scoped alias is supported only for containers in user defined networks'
        : 'user specified IP address is supported only when connecting to networks with user configured subnets',
    );
  return {
    network: BUILTIN.has(network) ? 'bridge' : network,
    ...(aliases.length ? { aliases } : {}),
    ...(ip ? { ipv4Address: ip } : {}),
  };
}

/**
 * Pure: `HostConfig.NetworkMode` + `NetworkingConfig.EndpointsConfig` (+ `NetworkDisabled`) →
 * the networks Berth joins. As in dockerd, the endpoints decide the networks when there are any
 * (the mode's network is listed first); without them the mode's network alone. `host`/`none`
 * take no endpoints but their own; `container:…` is refused by name.
 */
export function networkOf(body: ContainerCreateBody, hc: HostConfig): NetworkChoice {
  const requested = hc.NetworkMode ?? '';
  const dockerMode = body.NetworkDisabled ? 'none' : requested === '' ? 'default' : requested;
  if (dockerMode.startsWith('container:')) throw unsupported('HostConfig.NetworkMode', dockerMode);
  const endpoints = Object.entries(body.NetworkingConfig?.EndpointsConfig ?? {});
  if (MODES.has(dockerMode)) {
    const other = endpoints.find(([name]) => name !== dockerMode);
    if (other)
      throw new AgentError(
        'INVALID_ARGUMENT',
        `conflicting options: a container on network ${dockerMode} cannot join ${other[0]}`,
      );
    return { network: dockerMode, networks: [], dockerMode };
  }
  const head = BUILTIN.has(dockerMode) ? 'bridge' : dockerMode;
  const requests = endpoints.map(([name, ep]) => endpointRequest(name, ep));
  const i = requests.findIndex((r) => r.network === head);
  if (i > 0) requests.unshift(...requests.splice(i, 1));
  if (i < 0 && !BUILTIN.has(dockerMode) && requests.length) requests.unshift({ network: head });
  const onlyHead = requests.length === 1 && requests[0]!.network === head;
  const plain = onlyHead && !requests[0]!.aliases && !requests[0]!.ipv4Address;
  return {
    network: requests.length && !plain ? requests[0]!.network : head,
    networks: plain ? [] : requests,
    dockerMode,
  };
}
