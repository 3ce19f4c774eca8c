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
