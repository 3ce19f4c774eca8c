import { statSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { invalidArgument } from '../errors.js';
import { mountAll, unmount } from '../mount/mount.js';
import type { Mount, WritableLayer } from '../snapshot/mounts.js';
import type { RootfsProvider } from '../container/deps.js';
import type { RunConfig } from '../oci-spec/options.js';

export interface ImageRootfsOptions {
  /** `--data-root`: the rootfs of container `<id>` is `<data-root>/containers/<id>/rootfs`. */
  dataRoot: string;
  /** The image's overlay mounts with the container's writable layer (ImageEngine.rootfsMounts). */
  mounts: (imageRef: string, rw: WritableLayer) => Promise<Mount[]>;
}

/** Where one container's rootfs pieces live (pure). */
export function imageRootfsPaths(dataRoot: string, id: string) {
  const dir = join(dataRoot, 'containers', id);
  return { rootfs: join(dir, 'rootfs'), upperdir: join(dir, 'upper'), workdir: join(dir, 'work') };
}

/**
 * A RootfsProvider backed by the image store: an overlay of the image's snapshots (lowerdirs)
 * with a per-container upper/work directory, mounted at `<data-root>/containers/<id>/rootfs`.
 */
export class ImageRootfs implements RootfsProvider {
  constructor(private readonly opts: ImageRootfsOptions) {}

  async prepare(id: string, image: { ref?: string; config: RunConfig }): Promise<{ path: string }> {
    if (!image.ref) throw invalidArgument('a container needs an image');
    const p = imageRootfsPaths(this.opts.dataRoot, id);
    // mounted already: every start but the first after a host reboot
    if (await this.mounted(p.rootfs)) return { path: p.rootfs };
    const mounts = await this.opts.mounts(image.ref, p);
    await Promise.all([p.rootfs, p.upperdir, p.workdir].map((d) => mkdir(d, { recursive: true })));
    await mountAll(mounts, p.rootfs);
    return { path: p.rootfs };
  }

  /** Unmounts (lazily when busy) and deletes upper/work; safe to call again or before prepare. */
  async release(id: string): Promise<void> {
    const p = imageRootfsPaths(this.opts.dataRoot, id);
    if (await this.mounted(p.rootfs)) {
      await unmount(p.rootfs).catch(() => unmount(p.rootfs, { lazy: true }));
    }
    await Promise.all(
      [p.rootfs, p.upperdir, p.workdir].map((d) => rm(d, { recursive: true, force: true })),
    );
  }

  /**
   * Whether a container's rootfs is mounted (false after a host reboot: call prepare again). An
   * overlay mount has a device of its own, so its mount point's differs from its parent
   * directory's: two stats, where reading `/proc/self/mountinfo` (every mount of the host, two per
   * container) took 1–4 ms of each create and start on a loaded host. Synchronous: two stats of
   * cached inodes, where the thread pool's round trips cost more than the calls.
   */
  async mounted(path: string): Promise<boolean> {
    try {
      return statSync(path).dev !== statSync(dirname(path)).dev;
    } catch {
      return false;
    }
  }
}
