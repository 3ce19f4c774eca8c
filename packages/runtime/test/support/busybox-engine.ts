import { ImageEngine } from '../../src/engine.js';
import type { ImageSummary } from '../../src/image/inspect.js';
import { buildBusyboxImage, pushTestImage, startRegistry } from '@berth/testkit';
import type { TarEntry, TestImage } from '@berth/testkit';

/**
 * For container tests: an ImageEngine at `dataRoot` holding a runnable busybox image, pulled
 * through a throwaway local registry with Berth's own push and pull. The registry is stopped
 * before this returns. `ref` resolves with `engine.resolve(ref)`; `engine.rootfsMounts(ref, rw)`
 * gives the overlay mounts.
 */
export async function prepareBusyboxEngine(
  dataRoot: string,
  opts: { extraLayers?: TarEntry[][]; repository?: string } = {},
): Promise<{ engine: ImageEngine; image: TestImage; summary: ImageSummary; ref: string }> {
  const reg = await startRegistry();
  try {
    const image = await buildBusyboxImage({ extraLayers: opts.extraLayers });
    const ref = `${reg.host}/${opts.repository ?? 'busybox'}:latest`;
    await pushTestImage(ref, image);
    const engine = await ImageEngine.open({ dataRoot });
    const summary = await engine.pull(ref);
    return { engine, image, summary, ref };
  } finally {
    await reg.stop();
  }
}
