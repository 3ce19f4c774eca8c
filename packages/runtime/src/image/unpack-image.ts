import type { Digest } from '../digest/digest.js';
import { RuntimeError } from '../errors.js';
import { chainIds } from '../snapshot/chain.js';
import { applyLayer } from '../unpack/apply.js';
import type { ImageServices, ProgressListener } from './services.js';
import type { Descriptor } from './manifest.js';

export interface UnpackPlan {
  readonly layers: readonly Descriptor[];
  readonly diffIds: readonly Digest[];
}

/** Checks that a manifest's layers and its config's diff_ids line up; returns the chain IDs. */
export function planChains(plan: UnpackPlan): Digest[] {
  if (plan.layers.length !== plan.diffIds.length) {
    throw new RuntimeError(
      'INVALID_ARGUMENT',
      `manifest has ${plan.layers.length} layers but the config lists ${plan.diffIds.length} diff_ids`,
    );
  }
  return chainIds(plan.diffIds);
}

/** Runs a layer's apply when it may start (e.g. once its blob is downloaded, within a limit). */
export type ApplyGate = <T>(apply: () => Promise<T>) => Promise<T>;

const immediately: ApplyGate = (apply) => apply();

/**
 * Makes sure the snapshot of layer `i` exists, applying its blob (in the content store once
 * `gate` runs the apply) on top of the snapshot of layer `i-1`, which must be committed or being
 * prepared. Returns whether it had to be created.
 */
export async function unpackLayer(
  svc: ImageServices,
  plan: UnpackPlan,
  chains: readonly Digest[],
  i: number,
  progress?: ProgressListener,
  gate: ApplyGate = immediately,
): Promise<boolean> {
  const layer = plan.layers[i]!;
  const { created } = await svc.snapshots.prepare(
    chains[i]!,
    chains[i - 1],
    plan.diffIds[i]!,
    (fs) =>
      gate(async () => {
        progress?.({ layer: layer.digest, status: 'extracting', current: 0, total: layer.size });
        try {
          const r = await applyLayer({
            blobPath: svc.content.blobPath(layer.digest),
            root: fs,
            expectedDiffId: plan.diffIds[i]!,
          });
          return { size: r.fileBytes };
        } catch (err) {
          throw RuntimeError.wrap(err, `layer ${layer.digest}`);
        }
      }),
  );
  return created;
}
