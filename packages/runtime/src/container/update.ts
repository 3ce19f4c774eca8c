import { readFile, writeFile, rename } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { specOptionsSchema } from '../oci-spec/options.js';
import { parseOrThrow } from '../validate.js';
import { buildResources } from '../oci-spec/resources.js';
import type { OciResources } from '../oci-spec/types.js';
import type { UpdateOpts } from '../oci-runtime/args.js';
import { parseCreateOptions } from './create-options.js';
import { parseRestartPolicy } from './restart-policy.js';
import type { ContainerManagerOptions } from './deps.js';
import type { ContainerRecord } from './record.js';

export const resourceUpdateSchema = specOptionsSchema
  .pick({
    memory: true,
    memorySwap: true,
    cpus: true,
    cpuShares: true,
    cpusetCpus: true,
    pidsLimit: true,
    blkioWeight: true,
  })
  .extend({ restart: z.string().optional() })
  .strict();
export type ResourceUpdateInput = z.input<typeof resourceUpdateSchema>;
type ResourcePatch = z.output<typeof resourceUpdateSchema>;

/** Pure: the `runc update` flags for the fields a patch touches. */
export function toUpdateOpts(res: OciResources, patch: ResourcePatch): UpdateOpts {
  const o: UpdateOpts = {};
  if (patch.memory !== undefined || patch.memorySwap !== undefined) {
    o.memory = res.memory?.limit;
    o.memorySwap = res.memory?.swap;
  }
  if (patch.cpus !== undefined) {
    o.cpuQuota = res.cpu?.quota;
    o.cpuPeriod = res.cpu?.period;
  }
  if (patch.cpuShares !== undefined) o.cpuShares = res.cpu?.shares;
  if (patch.cpusetCpus !== undefined) o.cpusetCpus = res.cpu?.cpus;
  if (patch.pidsLimit !== undefined) o.pidsLimit = res.pids?.limit;
  if (patch.blkioWeight !== undefined) o.blkioWeight = res.blockIO?.weight;
  return o;
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
  const merged = { ...rec.options, ...defined, ...(restart === undefined ? {} : { restart }) };
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
