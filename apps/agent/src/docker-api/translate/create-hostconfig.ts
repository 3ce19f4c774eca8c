import { AgentError } from '../../errors.js';
import type { DockerMount, HostConfig } from '../types/container-create.js';
import { isUnset, unsupported } from './unsupported.js';

/** Pure: Docker `Binds` entries (`src:dst[:opts]`) → Berth volume specs (`src:dst[:ro]`). */
export function bindToVolumeSpec(bind: string): string {
  const parts = bind.split(':');
  if (parts.length < 2 || parts.length > 3)
    throw new AgentError('INVALID_ARGUMENT', `invalid volume specification: '${bind}'`);
  const [src = '', dst = '', opts = ''] = parts;
  let readOnly = false;
  for (const o of opts.split(',').filter(Boolean)) {
    if (o === 'ro') readOnly = true;
    else if (
      [
        'rw',
        'z',
        'Z',
        'nocopy',
        'rprivate',
        'private',
        'delegated',
        'cached',
        'consistent',
      ].includes(o)
    )
      continue;
    else throw unsupported(`bind option "${o}" in '${bind}'`);
  }
  return `${src}:${dst}${readOnly ? ':ro' : ''}`;
}

/** Pure: a `Mounts` entry → a volume spec, or a tmpfs spec (`/dst:opts`). */
export function mountToSpec(
  m: DockerMount,
  anonymousName: () => string,
): { volume?: string; tmpfs?: string; anonymous?: string } {
  const ro = m.ReadOnly ? ':ro' : '';
  switch (m.Type) {
    case 'bind': {
      const p = m.BindOptions?.Propagation;
      if (p && p !== 'rprivate' && p !== 'private')
        throw unsupported('Mounts.BindOptions.Propagation', p);
      if (!m.Source)
        throw new AgentError(
          'INVALID_ARGUMENT',
          `invalid mount config: bind source path is required`,
        );
      return { volume: `${m.Source}:${m.Target}${ro}` };
    }
    case 'volume': {
      const driver = m.VolumeOptions?.DriverConfig?.Name;
      if (driver && driver !== 'local')
        throw unsupported('Mounts.VolumeOptions.DriverConfig', driver);
      if (m.Source) return { volume: `${m.Source}:${m.Target}${ro}` };
      const name = anonymousName();
      return { volume: `${name}:${m.Target}${ro}`, anonymous: name };
    }
    case 'tmpfs': {
      const o = m.TmpfsOptions;
      const opts = [
        ...(o?.SizeBytes ? [`size=${o.SizeBytes}`] : []),
        ...(o?.Mode ? [`mode=${o.Mode.toString(8)}`] : []),
      ];
      return { tmpfs: opts.length ? `${m.Target}:${opts.join(',')}` : m.Target };
    }
    default:
      throw unsupported('Mounts.Type', m.Type);
  }
}

/** Pure: `PortBindings` → Berth port specs (`[ip:]host:container/proto`). */
export function portBindingsToSpecs(pb: HostConfig['PortBindings']): string[] {
  const out: string[] = [];
  for (const [key, bindings] of Object.entries(pb ?? {})) {
    const m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(key);
    if (!m) throw new AgentError('INVALID_ARGUMENT', `invalid port specification: "${key}"`);
    const proto = m[2] ?? 'tcp';
    if (proto === 'sctp') throw unsupported('sctp ports');
    for (const b of bindings ?? []) {
      const hostPort = b.HostPort ?? '';
      if (hostPort === '' || hostPort === '0')
        throw unsupported(`publishing ${key} on a random host port`);
      if (!/^\d{1,5}$/.test(hostPort))
        throw new AgentError('INVALID_ARGUMENT', `invalid host port "${hostPort}" for ${key}`);
      const ip = b.HostIp ?? '';
      const host = ip === '' ? '' : ip.includes(':') ? `[${ip}]:` : `${ip}:`;
      out.push(`${host}${hostPort}:${m[1]}/${proto}`);
    }
  }
  return out;
}

/** Pure: `RestartPolicy` → Berth's `no|always|unless-stopped|on-failure[:N]`. */
export function restartPolicyToSpec(rp: HostConfig['RestartPolicy']): string | undefined {
  const name = rp?.Name ?? '';
  if (name === '' || name === 'no') {
    if (rp?.MaximumRetryCount)
      throw new AgentError(
        'INVALID_ARGUMENT',
        `invalid restart policy: maximum retry count cannot be used with restart policy '${name || 'no'}'`,
      );
    return undefined;
  }
  if (name === 'on-failure')
    return rp?.MaximumRetryCount ? `on-failure:${rp.MaximumRetryCount}` : 'on-failure';
  if (rp?.MaximumRetryCount)
    throw new AgentError(
      'INVALID_ARGUMENT',
      `invalid restart policy: maximum retry count cannot be used with restart policy '${name}'`,
    );
  return name;
}

/** Pure: CPU limits — `NanoCpus`, or `CpuQuota/CpuPeriod` — as Berth's fractional `cpus`. */
export function cpusOf(
  hc: Pick<HostConfig, 'NanoCpus' | 'CpuQuota' | 'CpuPeriod'>,
): number | undefined {
  const quota = hc.CpuQuota ?? 0;
  const period = hc.CpuPeriod ?? 0;
  if (hc.NanoCpus && (quota > 0 || period > 0))
    throw new AgentError(
      'INVALID_ARGUMENT',
      'Conflicting options: Nano CPUs and CPU Period cannot both be set',
    );
  if (hc.NanoCpus) {
    if (hc.NanoCpus < 0)
      throw new AgentError('INVALID_ARGUMENT', 'Range of CPUs is from 0.01 to the number of CPUs');
    return hc.NanoCpus / 1e9;
  }
  if (quota > 0) {
    if (quota < 1000)
      throw new AgentError(
        'INVALID_ARGUMENT',
        'CPU cfs quota can not be less than 1ms (i.e. 1000)',
      );
    return quota / (period > 0 ? period : 100_000);
  }
  if (period > 0 && (period < 1000 || period > 1_000_000))
    throw new AgentError(
      'INVALID_ARGUMENT',
      'CPU cfs period can not be less than 1ms (i.e. 1000) or larger than 1 second (i.e. 1000000)',
    );
  return undefined;
}

/** The HostConfig fields Berth has no counterpart for; refused unless empty or the default. */
export function refuseUnsupportedHostConfig(hc: HostConfig): void {
  const mustBeUnset = [
    'Devices',
    'DeviceRequests',
    'DeviceCgroupRules',
    'Sysctls',
    'VolumesFrom',
    'Links',
    'GroupAdd',
    'OomScoreAdj',
    'CgroupParent',
    'KernelMemory',
    'OomKillDisable',
    'SecurityOpt',
    'CpuRealtimePeriod',
    'CpuRealtimeRuntime',
    'CpusetMems',
    'BlkioWeightDevice',
    'BlkioDeviceReadBps',
    'BlkioDeviceWriteBps',
    'BlkioDeviceReadIOps',
    'BlkioDeviceWriteIOps',
    'DnsOptions',
    'DnsSearch',
    'PublishAllPorts',
  ] as const;
  for (const k of mustBeUnset) if (!isUnset(hc[k])) throw unsupported(`HostConfig.${k}`, hc[k]);
  const allowed: Array<[keyof HostConfig, readonly string[]]> = [
    ['IpcMode', ['', 'private', 'shareable']],
    ['PidMode', ['']],
    ['UTSMode', ['']],
    ['UsernsMode', ['']],
    ['CgroupnsMode', ['', 'private', 'host']],
    ['Cgroup', ['']],
    ['Runtime', ['', 'runc']],
    ['Isolation', ['', 'default']],
    ['VolumeDriver', ['', 'local']],
  ];
  for (const [k, ok] of allowed) {
    const v = (hc[k] as string | null | undefined) ?? '';
    if (!ok.includes(v)) throw unsupported(`HostConfig.${k}`, v);
  }
  if (
    hc.MemorySwappiness !== null &&
    hc.MemorySwappiness !== undefined &&
    hc.MemorySwappiness !== -1
  )
    throw unsupported('HostConfig.MemorySwappiness', hc.MemorySwappiness);
}
