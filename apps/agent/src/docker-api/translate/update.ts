import type { UpdateContainerRequest } from '@berth/protocol';
import { AgentError } from '../../errors.js';
import type { ContainerUpdateBody } from '../types/container-create.js';
import { cpusOf, restartPolicyToSpec } from './create-hostconfig.js';
import { isUnset, unsupported } from './unsupported.js';

/** Pure: Docker's update body → Berth's update request (only the fields that are set). */
export function toBerthUpdate(b: ContainerUpdateBody): UpdateContainerRequest {
  for (const k of [
    'CpuRealtimePeriod',
    'CpuRealtimeRuntime',
    'CpusetMems',
    'KernelMemory',
    'Devices',
    'DeviceRequests',
    'Ulimits',
    'BlkioWeight',
    'MemoryReservation',
  ] as const)
    if (!isUnset(b[k])) throw unsupported(`updating ${k}`, b[k]);
  const cpus = cpusOf(b);
  const restart = b.RestartPolicy ? (restartPolicyToSpec(b.RestartPolicy) ?? 'no') : undefined;
  const out: UpdateContainerRequest = {
    ...(b.Memory ? { memory: b.Memory } : {}),
    ...(b.MemorySwap ? { memorySwap: b.MemorySwap } : {}),
    ...(cpus ? { cpus } : {}),
    ...(b.CpuShares ? { cpuShares: b.CpuShares } : {}),
    ...(b.CpusetCpus ? { cpusetCpus: b.CpusetCpus } : {}),
    ...(b.PidsLimit && b.PidsLimit > 0 ? { pidsLimit: b.PidsLimit } : {}),
    ...(restart ? { restart } : {}),
  };
  if (Object.keys(out).length === 0)
    throw new AgentError('INVALID_ARGUMENT', 'update needs at least one field to change');
  return out;
}
