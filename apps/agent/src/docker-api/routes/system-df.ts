import { join } from 'node:path';
import { networkNaming, type DockerRouteDeps } from '../deps.js';
import type { DockerRouter } from '../http/router.js';
import { familiar } from '../translate/image-refs.js';
import { toDockerSummary } from '../translate/list.js';
import { toDockerVolume } from '../translate/volumes.js';
import { dirSize } from './dir-size.js';

/** `GET /system/df`: images, containers (with their writable layer's size) and volumes. */
export function registerSystemDfRoute(router: DockerRouter, deps: DockerRouteDeps): void {
  router.add({
    method: 'GET',
    path: '/system/df',
    handler: async () => {
      const c = deps.containers;
      const recs = c.records();
      const images = await deps.images.list();
      const volumeMountpoint = (name: string) => join(deps.dataRoot, 'volumes', name, '_data');
      const now = new Date();
      const naming = networkNaming(deps);
      const containers = await Promise.all(
        recs.map(async (r) => ({
          ...toDockerSummary(r, now, volumeMountpoint, naming),
          // the writable layer: overlay's upper directory beside the bundle
          SizeRw: await dirSize(join(r.bundle, '..', 'upper')),
          SizeRootFs: 0,
        })),
      );
      const volumes = await Promise.all(
        (await c.volumes()).map(async (v) =>
          toDockerVolume(v, { size: await dirSize(v.mountpoint) }),
        ),
      );
      const layers = await deps.images.layers();
      const sizes = imageSizes(layers.layers);
      return {
        LayersSize: layers.totalSize,
        Images: images.map((i) => ({
          Id: i.id,
          ParentId: '',
          RepoTags: i.repoTags.map(familiar),
          RepoDigests: i.repoDigests.map(familiar),
          Created: i.created ? Math.floor(Date.parse(i.created) / 1000) : 0,
          Size: sizes.get(i.id)?.size ?? i.size,
          SharedSize: sizes.get(i.id)?.shared ?? 0,
          VirtualSize: sizes.get(i.id)?.size ?? i.size,
          Labels: {},
          Containers: recs.filter((r) => r.image.ref === i.id).length,
        })),
        Containers: containers,
        Volumes: volumes,
        BuildCache: [],
      };
    },
  });
}

/** Pure: per image, its unpacked size and the part of it shared with other images. */
export function imageSizes(
  layers: ReadonlyArray<{ size: number; images: readonly string[] }>,
): Map<string, { size: number; shared: number }> {
  const out = new Map<string, { size: number; shared: number }>();
  for (const l of layers) {
    for (const id of l.images) {
      const e = out.get(id) ?? { size: 0, shared: 0 };
      e.size += l.size;
      if (l.images.length > 1) e.shared += l.size;
      out.set(id, e);
    }
  }
  return out;
}
