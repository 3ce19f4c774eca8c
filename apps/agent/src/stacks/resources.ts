import { LABEL, type StackPlan } from '@berth/compose';
import type { RegistryAuth, StackProgress } from '@berth/protocol';
import { isRuntimeError } from '@berth/runtime';
import type { ContainerService } from '../containers/service.js';
import { AgentError } from '../errors.js';
import type { ImageService } from '../images/service.js';
import type { NetworkService } from '../networks/service.js';

export type Progress = (p: StackProgress) => void;

/**
 * What a pull of `image` may use, decided by whoever asked for the deploy; it throws to refuse.
 * Without one (the local CLI, root on this host) a pull uses what `berth login` stored.
 */
export type PullAccess = (image: string) => Promise<{ credentials?: RegistryAuth }>;

export interface StackDeps {
  containers: ContainerService;
  networks: NetworkService;
  images: ImageService;
}

const isNotFound = (err: unknown) =>
  isRuntimeError(err, 'NOT_FOUND') || (err instanceof AgentError && err.code === 'NOT_FOUND');

/**
 * Pure: whether a service's image is pulled — `never` never (a missing image is then an error),
 * `always` always, `missing` when it is not local; `always` (the caller's) pulls every image.
 */
export function pullsImage(
  policy: StackPlan['services'][number]['pullPolicy'],
  local: boolean,
  always = false,
): boolean {
  return policy !== 'never' && (always || policy === 'always' || !local);
}

/**
 * Makes sure every service's image is local (pulling per `pull_policy`) and returns service →
 * image ID, so `reconcile` can recreate containers whose image changed.
 */
export async function ensureImages(
  deps: StackDeps,
  plan: StackPlan,
  progress: Progress,
  opts: { always?: boolean; pullAccess?: PullAccess } = {},
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const pulled = new Map<string, string>();
  for (const svc of plan.services) {
    let id = pulled.get(svc.image);
    if (id === undefined) {
      const local = await deps.containers.imageEngine.resolve(svc.image).catch((err: unknown) => {
        if (isNotFound(err)) return null;
        throw err;
      });
      if (svc.pullPolicy === 'never' && local === null)
        throw new AgentError(
          'NOT_FOUND',
          `service ${svc.name}: image ${svc.image} is not present and pull_policy is never`,
        );
      if (pullsImage(svc.pullPolicy, local !== null, opts.always)) {
        progress({ kind: 'image', name: svc.image, status: 'Pulling' });
        const access = opts.pullAccess ? await opts.pullAccess(svc.image) : {};
        id = (await deps.images.pull(svc.image, access)).id;
        progress({ kind: 'image', name: svc.image, status: 'Pulled' });
      } else id = local?.id ?? '';
      pulled.set(svc.image, id);
    }
    ids[svc.name] = id;
  }
  return ids;
}

/** Creates the plan's networks that do not exist yet; external ones must exist. */
export async function ensureNetworks(
  deps: StackDeps,
  plan: StackPlan,
  progress: Progress,
): Promise<void> {
  const existing = new Map((await deps.networks.list()).map((n) => [n.name, n]));
  for (const net of plan.networks) {
    const found = existing.get(net.name);
    if (found) {
      if (!net.external && found.labels[LABEL.project] !== plan.project)
        progress({
          kind: 'warning',
          name: net.name,
          status: `network ${net.name} exists but was not created for project "${plan.project}"`,
        });
      continue;
    }
    if (net.external)
      throw new AgentError(
        'NOT_FOUND',
        `network ${net.name} declared as external, but could not be found`,
      );
    await deps.networks.create({
      name: net.name,
      labels: net.labels,
      ...(net.internal ? { internal: true } : {}),
      ...(net.subnet ? { subnet: net.subnet } : {}),
      ...(net.gateway ? { gateway: net.gateway } : {}),
    });
    progress({ kind: 'network', name: net.name, status: 'Created' });
  }
}

/** Creates the plan's named volumes that do not exist yet; external ones must exist. */
export async function ensureVolumes(
  deps: StackDeps,
  plan: StackPlan,
  progress: Progress,
): Promise<void> {
  const existing = new Set((await deps.containers.volumes()).map((v) => v.name));
  for (const vol of plan.volumes) {
    if (existing.has(vol.name)) continue;
    if (vol.external)
      throw new AgentError(
        'NOT_FOUND',
        `volume ${vol.name} declared as external, but could not be found`,
      );
    await deps.containers.createVolume(vol.name, vol.labels);
    progress({ kind: 'volume', name: vol.name, status: 'Created' });
  }
}
