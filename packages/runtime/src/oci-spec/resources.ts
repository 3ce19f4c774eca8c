import type { OciResources } from './types.js';
import type { SpecOptions } from './options.js';
import { invalidArgument } from '../errors.js';

export const CPU_PERIOD_US = 100_000;

/** Converts docker-style resource options to the OCI `linux.resources` object. */
export function buildResources(
  opts: SpecOptions,
  hostCpus: number,
  privileged: boolean,
): OciResources {
  const resources: OciResources = {
    devices: privileged ? [{ allow: true, access: 'rwm' }] : [{ allow: false, access: 'rwm' }],
  };
  if (opts.memory !== undefined || opts.memoryReservation !== undefined) {
    const memory: NonNullable<OciResources['memory']> = {};
    if (opts.memory !== undefined) {
      memory.limit = opts.memory;
      // docker: unset swap = as much swap as memory (total 2x); -1 = unlimited
      memory.swap = opts.memorySwap ?? opts.memory * 2;
    }
    if (opts.memoryReservation !== undefined) memory.reservation = opts.memoryReservation;
    resources.memory = memory;
  }
  const cpu: NonNullable<OciResources['cpu']> = {};
  if (opts.cpus !== undefined) {
    if (opts.cpus > hostCpus) {
      throw invalidArgument(
        `range of CPUs is from 0.01 to ${hostCpus}.00, as there are only ${hostCpus} CPUs available`,
      );
    }
    const quota = Math.round(opts.cpus * CPU_PERIOD_US);
    if (quota < 1000) throw invalidArgument('cpus must be at least 0.01');
    cpu.quota = quota;
    cpu.period = CPU_PERIOD_US;
  }
  if (opts.cpuShares !== undefined) cpu.shares = opts.cpuShares;
  if (opts.cpusetCpus !== undefined) cpu.cpus = opts.cpusetCpus;
  if (Object.keys(cpu).length > 0) resources.cpu = cpu;
  if (opts.pidsLimit !== undefined) resources.pids = { limit: opts.pidsLimit };
  if (opts.blkioWeight !== undefined) resources.blockIO = { weight: opts.blkioWeight };
  return resources;
}
