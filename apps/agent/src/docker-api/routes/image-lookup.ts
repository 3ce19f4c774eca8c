import type { ImageEngine, ImageRecord } from '@berth/runtime';
import { AgentError } from '../../errors.js';
import { DockerImageConfigSchema, type DockerImageConfig } from '../types/image.js';
import { withImageNotFound } from './lookup.js';

/** An image by name, name@digest, ID or ID prefix; Docker's "No such image" when there is none. */
export function findImage(engine: ImageEngine, ref: string): Promise<ImageRecord> {
  return withImageNotFound(ref, () => engine.resolve(ref));
}

/** The image's config document as Docker reads it (its own bytes in the content store). */
export async function readImageConfig(
  engine: ImageEngine,
  r: ImageRecord,
): Promise<DockerImageConfig> {
  const data = await engine.content.readBuffer(r.id);
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    throw new AgentError('INTERNAL', `image ${r.id}: config is not JSON`);
  }
  const parsed = DockerImageConfigSchema.safeParse(json);
  if (!parsed.success) throw new AgentError('INTERNAL', `image ${r.id}: config is malformed`);
  return parsed.data;
}

/** Unpacked size of each layer chain, and how many images use it. */
export interface ChainSizes {
  size(chainId: string): number;
  users(chainId: string): number;
}

export async function chainSizes(engine: ImageEngine): Promise<ChainSizes> {
  const report = await engine.layers();
  const byChain = new Map(report.layers.map((l) => [l.chainId as string, l]));
  return {
    size: (c) => byChain.get(c)?.size ?? 0,
    users: (c) => byChain.get(c)?.images.length ?? 0,
  };
}

/** Pure: an image's unpacked size (its chain's layers) and the part other images share. */
export function imageSize(r: ImageRecord, sizes: ChainSizes): { size: number; shared: number } {
  let size = 0;
  let shared = 0;
  for (const l of r.layers) {
    const s = sizes.size(l.chainId);
    size += s;
    if (sizes.users(l.chainId) > 1) shared += s;
  }
  return { size, shared };
}
