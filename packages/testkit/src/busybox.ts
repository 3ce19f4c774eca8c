import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { buildImage, type ImageSpec, type TestImage } from './images.js';
import { buildLayer, type BuiltLayer, type Compression } from './layers.js';
import type { TarEntry } from './tar.js';

const BUSYBOX = '/usr/bin/busybox';

/** The applets tests and benchmarks use; `'all'` links every applet `busybox --list` names. */
export const MINIMAL_APPLETS = [
  'sh',
  'ls',
  'cat',
  'echo',
  'sleep',
  'true',
  'false',
  'env',
  'id',
  'ps',
  'top',
  'mkdir',
  'rm',
  'touch',
  'wget',
  'httpd',
  'stat',
  'hostname',
  'kill',
  'stty',
] as const;

export interface BusyboxLayerOptions {
  /** Default `'minimal'` (MINIMAL_APPLETS). */
  applets?: 'minimal' | 'all';
  compression?: Compression;
}

function appletNames(which: 'minimal' | 'all'): string[] {
  if (which === 'minimal') return [...MINIMAL_APPLETS];
  return execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' })
    .split('\n')
    .filter((a) => /^[a-z0-9_.[-]+$/.test(a) && a !== 'busybox');
}

/**
 * The base layer test images share: busybox-static at /bin/busybox with its applets as hard
 * links, /etc/passwd and /etc/group (root, nobody), /tmp (1777), /root, and mount points.
 * The hard-link entries carry busybox's mode 0755, as GNU tar writes them: dockerd applies a
 * link entry's mode to the shared inode, so 0644 would make every applet non-executable there.
 */
export async function busyboxLayer(opts: BusyboxLayerOptions = {}): Promise<BuiltLayer> {
  const busybox = await readFile(BUSYBOX);
  const applets = appletNames(opts.applets ?? 'minimal');
  const entries: TarEntry[] = [
    { name: 'bin/', type: 'directory' },
    { name: 'bin/busybox', data: busybox, mode: 0o755 },
    ...applets.map((a) => ({
      name: `bin/${a}`,
      type: 'link' as const,
      linkname: 'bin/busybox',
      mode: 0o755,
    })),
    { name: 'etc/', type: 'directory' },
    {
      name: 'etc/passwd',
      data: 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
    },
    { name: 'etc/group', data: 'root:x:0:\nnogroup:x:65534:\n' },
    { name: 'tmp/', type: 'directory', mode: 0o1777 },
    { name: 'root/', type: 'directory', mode: 0o700 },
    { name: 'proc/', type: 'directory' },
    { name: 'sys/', type: 'directory' },
    { name: 'dev/', type: 'directory' },
  ];
  return buildLayer(entries, opts.compression ?? 'gzip');
}

/** A runnable busybox image (`/bin/sh`), optionally with extra layers on top. */
export async function buildBusyboxImage(
  opts: {
    extraLayers?: ReadonlyArray<readonly TarEntry[] | BuiltLayer>;
    config?: ImageSpec['config'];
    compression?: Compression;
    applets?: BusyboxLayerOptions['applets'];
  } = {},
): Promise<TestImage> {
  const base = await busyboxLayer({ applets: opts.applets, compression: opts.compression });
  return buildImage({
    layers: [base, ...(opts.extraLayers ?? [])],
    config: opts.config,
    compression: opts.compression,
  });
}
