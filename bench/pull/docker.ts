import type { Dockerd } from '../lib/dockerd.js';

/** `docker pull` against a private dockerd; `reset` leaves no image, layer or blob behind. */
export interface DockerPuller {
  pull(ref: string): Promise<void>;
  reset(ref: string): Promise<void>;
}

export function dockerPuller(d: Dockerd): DockerPuller {
  return {
    async pull(ref) {
      await d.docker(['pull', ref]);
    },
    async reset(ref) {
      await d.docker(['image', 'inspect', '--format', '{{.Id}}', ref]);
      await d.docker(['rmi', ref]);
      await d.docker(['image', 'prune', '--all', '--force']);
    },
  };
}
