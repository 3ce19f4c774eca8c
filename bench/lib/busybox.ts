import { buildBusyboxImage, pushTestImage } from '@berth/testkit';
import type { BenchRegistry } from './registry.js';

/**
 * Pushes a busybox-static image of one gzip layer (the test kit's busybox layer: hard-linked
 * applets with mode 0755, which dockerd needs, /etc/passwd, /tmp) with Berth's own push code
 * to the loopback registry. Berth and Docker both pull this same image, untimed, before a
 * benchmark measures containers.
 */
export async function pushBusyboxImage(
  registry: BenchRegistry,
): Promise<{ ref: string; digest: string }> {
  const ref = `${registry.host}/bench/busybox:1`;
  const image = await buildBusyboxImage({ config: { Cmd: ['sh'] } });
  return { ref, digest: await pushTestImage(ref, image) };
}
