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

/**
 * Where an apply reads its layer from: the stored blob, or the blob's bytes as its download
 * writes them (`follow`), with the download's outcome (`verified`: the digest checked and the
 * blob committed) — awaited before the snapshot is committed.
 */
export type LayerBlob =
  | { readonly stored: true }
  | { readonly follow: AsyncIterable<Buffer>; readonly verified: Promise<unknown> };

/** Runs a layer's apply when it may start (e.g. once its blob is downloading, within a limit). */
export type ApplyGate = <T>(apply: (blob: LayerBlob) => Promise<T>) => Promise<T>;

const immediately: ApplyGate = (apply) => apply({ stored: true });

/**
 * Makes sure the snapshot of layer `i` exists, applying its blob (stored, or followed while it
 * downloads, as `gate` says) on top of the snapshot of layer `i-1`, which must be committed or
 * being prepared. Returns whether it had to be created.
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
      gate(async (blob) => {
        const extracting = () =>
          progress?.({ layer: layer.digest, status: 'extracting', current: 0, total: layer.size });
        // following a download, "extracting" is told once the download is done, as Docker does
        if ('follow' in blob) void blob.verified.then(extracting, () => undefined);
        else extracting();
        try {
          const r = await applyLayer({
            ...('follow' in blob
              ? { source: blob.follow }
              : { blobPath: svc.content.blobPath(layer.digest) }),
            root: fs,
            expectedDiffId: plan.diffIds[i]!,
          }).catch(async (err: unknown) => {
            // a blob that fails its download (digest, network) is reported as such, whatever
            // the apply of its partial bytes ran into first
            if ('follow' in blob) await blob.verified;
            throw err;
          });
          if ('follow' in blob) await blob.verified; // never commit a snapshot of an unverified blob
          return { size: r.fileBytes };
        } catch (err) {
          throw RuntimeError.wrap(err, `layer ${layer.digest}`);
        }
      }),
  );
  return created;
}
