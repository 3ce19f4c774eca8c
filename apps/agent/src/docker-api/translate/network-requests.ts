import type { CreateNetworkRequest, NetworkConnectRequest } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import type { NetworkConnectBody, NetworkCreateBody } from '../types/network.js';
import { isPredefined } from './networks.js';
import { unsupported } from './unsupported.js';

/** Pure: Docker's refusal to make or remove a network by a reserved name. */
export function predefinedNetworkError(name: string, verb: 'create' | 'remove'): AgentError | null {
  if (!isPredefined(name)) return null;
  return new AgentError(
    'PERMISSION_DENIED',
    verb === 'create'
      ? `operation is not permitted on predefined ${name} network`
      : `${name} is a pre-defined network and cannot be removed`,
  );
}

/**
 * Driver options a Berth bridge honours: its name; the others only with the value every Berth
 * bridge has (`enable_icc=false` would promise an isolation Berth does not give: refused).
 */
const BRIDGE_OPTIONS: Readonly<Record<string, string | null>> = {
  'com.docker.network.bridge.name': null,
  'com.docker.network.bridge.enable_icc': 'true',
  'com.docker.network.bridge.enable_ip_masquerade': 'true',
  'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
  'com.docker.network.driver.mtu': '1500',
};

function checkOptions(options: Readonly<Record<string, string>>): void {
  for (const [k, v] of Object.entries(options)) {
    if (!Object.hasOwn(BRIDGE_OPTIONS, k)) throw unsupported(`network option ${k}`);
    const only = BRIDGE_OPTIONS[k];
    if (only !== null && v !== only) throw unsupported(`network option ${k}=${v}`);
  }
}

/** Pure: Docker's create body → Berth's, refusing by name what a Berth bridge cannot be. */
export function toCreateNetworkRequest(body: NetworkCreateBody): CreateNetworkRequest {
  const driver = body.Driver || 'bridge';
  if (driver !== 'bridge')
    throw new AgentError('NOT_FOUND', `plugin "${driver}" not found (Berth has the bridge driver)`);
  if (body.EnableIPv6)
    throw new AgentError(
      'INVALID_ARGUMENT',
      'EnableIPv6 is not supported by Berth: its networks are IPv4 only',
    );
  if (body.Ingress) throw unsupported('Ingress (a swarm network)');
  if (body.ConfigOnly || body.ConfigFrom?.Network)
    throw unsupported('ConfigOnly/ConfigFrom (swarm config networks)');
  if (body.Scope && body.Scope !== 'local') throw unsupported('Scope', body.Scope);
  const ipam = body.IPAM ?? {};
  if (ipam.Driver && ipam.Driver !== 'default') throw unsupported('IPAM.Driver', ipam.Driver);
  if (Object.keys(ipam.Options ?? {}).length > 0) throw unsupported('IPAM.Options');
  const configs = ipam.Config ?? [];
  if (configs.length > 1) throw unsupported('more than one IPAM.Config entry (one subnet each)');
  const cfg = configs[0];
  if (cfg?.IPRange) throw unsupported('IPAM.Config.IPRange', cfg.IPRange);
  if (Object.keys(cfg?.AuxiliaryAddresses ?? {}).length > 0)
    throw unsupported('IPAM.Config.AuxiliaryAddresses');
  if (cfg?.Subnet?.includes(':') || cfg?.Gateway?.includes(':'))
    throw new AgentError(
      'INVALID_ARGUMENT',
      `IPv6 subnet ${cfg.Subnet ?? cfg.Gateway} is not supported by Berth: its networks are IPv4 only`,
    );
  checkOptions(body.Options ?? {});
  if (cfg?.Gateway && !cfg.Subnet)
    throw new AgentError('INVALID_ARGUMENT', 'a gateway needs a subnet (IPAM.Config.Subnet)');
  return {
    name: body.Name,
    driver: 'bridge',
    ...(cfg?.Subnet ? { subnet: cfg.Subnet } : {}),
    ...(cfg?.Gateway ? { gateway: cfg.Gateway } : {}),
    internal: body.Internal ?? false,
    attachable: body.Attachable ?? false,
    labels: { ...(body.Labels ?? {}) },
    options: { ...(body.Options ?? {}) },
  };
}

/** Pure: Docker's connect body → Berth's (aliases, a static IPv4 address). */
export function toConnectRequest(body: NetworkConnectBody): NetworkConnectRequest {
  const ep = body.EndpointConfig ?? {};
  if (ep.Links?.length) throw unsupported('EndpointConfig.Links (legacy links)');
  if (ep.IPAMConfig?.IPv6Address) throw unsupported('EndpointConfig.IPAMConfig.IPv6Address');
  if (ep.IPAMConfig?.LinkLocalIPs?.length)
    throw unsupported('EndpointConfig.IPAMConfig.LinkLocalIPs');
  if (ep.MacAddress) throw unsupported('EndpointConfig.MacAddress');
  if (Object.keys(ep.DriverOpts ?? {}).length > 0) throw unsupported('EndpointConfig.DriverOpts');
  const aliases = [...new Set(ep.Aliases ?? [])];
  return {
    container: body.Container,
    ...(aliases.length ? { aliases } : {}),
    ...(ep.IPAMConfig?.IPv4Address ? { ipv4Address: ep.IPAMConfig.IPv4Address } : {}),
  };
}
