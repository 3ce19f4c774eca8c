import { AgentError } from '../../errors.js';
import type { ContainerCreateBody, HostConfig } from '../types/container-create.js';
import { unsupported } from './unsupported.js';

export interface NetworkChoice {
  /** Berth's network mode. */
  mode: 'bridge' | 'none' | 'host';
  /** What inspect reports as `HostConfig.NetworkMode` (`default` stays `default`, as in Docker). */
  dockerMode: string;
  aliases: string[];
}

/**
 * Pure: `HostConfig.NetworkMode` (+ `NetworkDisabled`, `NetworkingConfig`) → Berth's mode.
 * `default`/`bridge`/`none`/`host` are served; `container:…` and user-defined networks are not
 * (yet), and are refused by name.
 */
export function networkOf(body: ContainerCreateBody, hc: HostConfig): NetworkChoice {
  const requested = hc.NetworkMode ?? '';
  const dockerMode = body.NetworkDisabled ? 'none' : requested === '' ? 'default' : requested;
  const endpoints = Object.entries(body.NetworkingConfig?.EndpointsConfig ?? {});
  const aliases: string[] = [];
  for (const [name, ep] of endpoints) {
    const same = name === dockerMode || (dockerMode === 'default' && name === 'bridge');
    if (!same) throw unsupported(`connecting to network "${name}"`);
    aliases.push(...(ep?.Aliases ?? []));
  }
  switch (dockerMode) {
    case 'default':
    case 'bridge':
      if (aliases.length)
        throw new AgentError(
          'INVALID_ARGUMENT',
          'network-scoped alias is supported only for containers in user defined networks',
        );
      return { mode: 'bridge', dockerMode, aliases };
    case 'none':
    case 'host':
      return { mode: dockerMode, dockerMode, aliases };
    default:
      if (dockerMode.startsWith('container:'))
        throw unsupported('HostConfig.NetworkMode', dockerMode);
      throw unsupported(`user-defined network "${dockerMode}"`);
  }
}
