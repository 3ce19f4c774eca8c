/** Pure generators for the per-container /etc/hosts, /etc/hostname and /etc/resolv.conf. */

export function hostnameFile(hostname: string): string {
  return `${hostname}\n`;
}

export function hostsFile(
  hostname: string,
  ip: string | null,
  extra: Array<{ host: string; ip: string }> = [],
): string {
  const lines = [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'ff00::0\tip6-mcastprefix',
    'ff02::1\tip6-allnodes',
    'ff02::2\tip6-allrouters',
    ...extra.map((e) => `${e.ip}\t${e.host}`),
  ];
  if (ip) lines.push(`${ip}\t${hostname}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Pure: a container's hosts file with its own address changed (the lines whose address was
 * `oldIp`), the rest as the container may have edited it.
 */
export function readdressHosts(text: string, oldIp: string | null, newIp: string | null): string {
  if (!oldIp || !newIp || oldIp === newIp) return text;
  return text
    .split('\n')
    .map((line) => (line.split(/\s/)[0] === oldIp ? newIp + line.slice(oldIp.length) : line))
    .join('\n');
}

const DEFAULT_DNS = ['8.8.8.8', '8.8.4.4'];

/**
 * Docker's rule: copy the host's resolv.conf minus loopback nameservers (they mean nothing inside
 * a network namespace); if none are left, fall back to public resolvers.
 */
export function resolvConf(
  hostText: string,
  opts: { dns?: string[]; keepLoopback?: boolean } = {},
): string {
  const lines = hostText.split('\n');
  const isLoopback = (l: string) => /^\s*nameserver\s+(127\.|::1\b)/.test(l);
  const kept = lines.filter(
    (l) =>
      l.trim() !== '' &&
      !(l.trim().startsWith('nameserver') && (opts.dns || (!opts.keepLoopback && isLoopback(l)))),
  );
  const servers =
    opts.dns ?? (kept.some((l) => l.trim().startsWith('nameserver')) ? [] : DEFAULT_DNS);
  return `${[...kept, ...servers.map((s) => `nameserver ${s}`)].join('\n')}\n`;
}

/**
 * A container on a network with name resolution asks that network's dnsmasq (on the bridge's
 * gateway address) and nothing else: the host's search domains and options are kept, with the
 * networks' domain first. (Docker puts its embedded resolver at 127.0.0.11 instead.)
 */
export function networkResolvConf(hostText: string, server: string, domain: string): string {
  const lines = hostText.split('\n').filter((l) => l.trim() !== '');
  const search = lines
    .filter((l) => /^\s*(search|domain)\s/.test(l))
    .flatMap((l) => l.trim().split(/\s+/).slice(1));
  const rest = lines.filter((l) => !/^\s*(nameserver|search|domain)\s/.test(l));
  const domains = [domain, ...search.filter((d) => d !== domain)];
  return `${[`search ${domains.join(' ')}`, `nameserver ${server}`, ...rest].join('\n')}\n`;
}
