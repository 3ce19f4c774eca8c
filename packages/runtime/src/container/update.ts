import { readFile, writeFile, rename } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import * as z from 'zod';
import { specOptionsSchema } from '../oci-spec/options.js';
import { parseOrThrow } from '../validate.js';
import { buildResources } from '../oci-spec/resources.js';
import type { OciResources } from '../oci-spec/types.js';
import type { UpdateOpts } from '../oci-runtime/args.js';
import { parseCreateOptions } from './create-options.js';
import { parseRestartPolicy } from './restart-policy.js';
import type { ContainerManagerOptions } from './deps.js';
import type { ContainerRecord } from './record.js';

/** Limits an update may remove (`null`): the container is unlimited there again. */
const removable = ['memory', 'cpus', 'pidsLimit'] as const;

const picked = specOptionsSchema.pick({
  memory: true,
  memorySwap: true,
  cpus: true,
  cpuShares: true,
  cpusetCpus: true,
  pidsLimit: true,
  blkioWeight: true,
});
export const resourceUpdateSchema = picked
  .extend({
    memory: picked.shape.memory.unwrap().nullable().optional(),
    cpus: picked.shape.cpus.unwrap().nullable().optional(),
    pidsLimit: picked.shape.pidsLimit.unwrap().nullable().optional(),
    restart: z.string().optional(),
  })
  .strict();
export type ResourceUpdateInput = z.input<typeof resourceUpdateSchema>;
type ResourcePatch = z.output<typeof resourceUpdateSchema>;

/** runc's word for "no limit" in `runc update` (cgroup v1 `-1`, v2 `max`). */
const UNLIMITED = -1;

/** Pure: the `runc update` flags for the fields a patch touches (-1 where a limit goes). */
export function toUpdateOpts(res: OciResources, patch: ResourcePatch): UpdateOpts {
  const o: UpdateOpts = {};
  if (patch.memory === null) {
    o.memory = UNLIMITED;
    o.memorySwap = UNLIMITED;
  } else if (patch.memory !== undefined || patch.memorySwap !== undefined) {
    o.memory = res.memory?.limit;
    o.memorySwap = res.memory?.swap;
  }
  if (patch.cpus === null) {
    o.cpuQuota = UNLIMITED;
  } else if (patch.cpus !== undefined) {
    o.cpuQuota = res.cpu?.quota;
    o.cpuPeriod = res.cpu?.period;
  }
  if (patch.cpuShares !== undefined) o.cpuShares = res.cpu?.shares;
  if (patch.cpusetCpus !== undefined) o.cpusetCpus = res.cpu?.cpus;
  if (patch.pidsLimit === null) o.pidsLimit = UNLIMITED;
  else if (patch.pidsLimit !== undefined) o.pidsLimit = res.pids?.limit;
  if (patch.blkioWeight !== undefined) o.blkioWeight = res.blockIO?.weight;
  return o;
}

/** Pure: the container's options with the patch applied (a removed limit is gone from them). */
export function mergeOptions(
  options: Readonly<Record<string, unknown>>,
  patch: Omit<ResourcePatch, 'restart'>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...options };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null && (removable as readonly string[]).includes(k)) delete merged[k];
    else merged[k] = v;
  }
  // A memory limit removed takes its swap limit with it (docker's swap follows memory).
  if (patch.memory === null && patch.memorySwap === undefined) delete merged.memorySwap;
  return merged;
}

/** Validates the merged options, updates the live cgroup, config.json and the record. */
export async function applyUpdate(
  deps: ContainerManagerOptions,
  rec: ContainerRecord,
  input: ResourceUpdateInput,
  live: boolean,
): Promise<ContainerRecord> {
  const { restart, ...patch } = parseOrThrow(resourceUpdateSchema, input, 'update');
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged = {
    ...mergeOptions(rec.options, patch),
    ...(restart === undefined ? {} : { restart }),
  };
  const parsed = parseCreateOptions(merged);
  const res = buildResources(parsed.spec, availableParallelism(), parsed.spec.privileged);
  if (live && Object.keys(defined).length > 0)
    await deps.runtime.update(rec.id, toUpdateOpts(res, patch));
  const configPath = join(rec.bundle, 'config.json');
  const spec = JSON.parse(await readFile(configPath, 'utf8')) as {
    linux: { resources: OciResources };
  };
  spec.linux.resources = res;
  await writeFile(`${configPath}.tmp`, JSON.stringify(spec, null, 2));
  await rename(`${configPath}.tmp`, configPath);
  return {
    ...rec,
    options: merged,
    restartPolicy: restart === undefined ? rec.restartPolicy : parseRestartPolicy(restart),
  };
}
