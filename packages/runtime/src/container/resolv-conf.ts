import { readFile, writeFile } from 'node:fs/promises';
import { DNS_DOMAIN } from '../network/cni-config.js';
import { primaryDnsServer, type NetworkEndpoint } from '../network/endpoint.js';
import { networkResolvConf, resolvConf } from '../network/etc-files.js';
import type { ContainerManagerOptions } from './deps.js';

/**
 * Pure: a container's /etc/resolv.conf: the servers it was given (`--dns`), else the DNS server
 * of its first network that has one (dnsmasq on that bridge), else the host's minus loopback.
 */
export function containerResolvConf(
  hostText: string,
  endpoints: readonly NetworkEndpoint[],
  dns: string[] | undefined,
): string {
  const server = primaryDnsServer(endpoints);
  if (dns || !server) return resolvConf(hostText, { dns });
  return networkResolvConf(hostText, server, DNS_DOMAIN);
}

/** Writes it in place (the file is bind-mounted: a rename would not reach a running container). */
export async function writeContainerResolvConf(
  deps: Pick<ContainerManagerOptions, 'hostResolvConf'>,
  path: string,
  endpoints: readonly NetworkEndpoint[],
  dns: string[] | undefined,
): Promise<void> {
  const host = await readFile(deps.hostResolvConf ?? '/etc/resolv.conf', 'utf8').catch(() => '');
  await writeFile(path, containerResolvConf(host, endpoints, dns));
}
