import { readFile } from 'node:fs/promises';
import { buildImage, pushTestImage } from '../../packages/runtime/test/support/images.js';
import { buildLayer } from '../../packages/runtime/test/support/tar.js';
import type { BenchRegistry } from './registry.js';

const APPLETS = ['sh', 'sleep', 'cat', 'echo', 'ls', 'ps', 'true', 'kill'];

/**
 * A busybox-static image of one gzip layer (busybox + hard-linked applets, /etc/passwd, /tmp),
 * like `tar --owner=0 --group=0 --mtime=@0` of a rootfs would give. The hard-link entries carry
 * busybox's own mode 0755, as GNU tar writes them: dockerd applies a hard-link entry's mode to
 * the shared inode, so a 0644 link entry would make every applet non-executable in Docker.
 */
async function busyboxLayer() {
  const busybox = await readFile('/usr/bin/busybox');
  return buildLayer(
    [
      { name: 'bin/', type: 'directory' },
      { name: 'bin/busybox', data: busybox, mode: 0o755 },
      ...APPLETS.map((a) => ({
        name: `bin/${a}`,
        type: 'link' as const,
        linkname: 'bin/busybox',
        mode: 0o755,
      })),
      { name: 'etc/', type: 'directory' },
      { name: 'etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\n' },
      { name: 'etc/group', data: 'root:x:0:\n' },
      { name: 'tmp/', type: 'directory', mode: 0o1777 },
      { name: 'proc/', type: 'directory' },
      { name: 'sys/', type: 'directory' },
      { name: 'dev/', type: 'directory' },
    ],
    'gzip',
  );
}

/**
 * Pushes the busybox image with Berth's own push code to the loopback registry. Berth and
 * Docker both pull this same image, untimed, before a benchmark measures containers.
 */
export async function pushBusyboxImage(
  registry: BenchRegistry,
): Promise<{ ref: string; digest: string }> {
  const ref = `${registry.host}/bench/busybox:1`;
  const image = await buildImage({ layers: [await busyboxLayer()], config: { Cmd: ['sh'] } });
  return { ref, digest: await pushTestImage(ref, image) };
}
