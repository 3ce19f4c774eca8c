import { parseByteSize, type UpdateContainerRequest } from '@berth/protocol';
import type { ContainerDto } from '../../lib/dto/container.js';

export interface LimitsFormValues {
  memory: string;
  cpus: string;
  pidsLimit: string;
}

/** Pure: the current limits as form strings (bytes shown as MiB when whole). */
export function limitsToViewModel(limits: ContainerDto['limits']): LimitsFormValues {
  const mem = limits.memory;
  return {
    memory: mem === null ? '' : mem % (1024 * 1024) === 0 ? `${mem / (1024 * 1024)}m` : String(mem),
    cpus: limits.cpus === null ? '' : String(limits.cpus),
    pidsLimit: limits.pidsLimit === null ? '' : String(limits.pidsLimit),
  };
}

/** Pure: only the fields that changed and are set; errors per field otherwise. */
export function limitsToRequest(
  v: LimitsFormValues,
  before: LimitsFormValues,
):
  | { ok: true; request: UpdateContainerRequest }
  | { ok: false; errors: Partial<Record<keyof LimitsFormValues | 'form', string>> } {
  const errors: Partial<Record<keyof LimitsFormValues | 'form', string>> = {};
  const request: UpdateContainerRequest = {};
  if (v.memory.trim() !== before.memory.trim()) {
    const bytes = parseByteSize(v.memory);
    if (bytes === null || bytes <= 0)
      errors.memory = 'a size like 64m or 1g (limits cannot be removed here)';
    else request.memory = bytes;
  }
  if (v.cpus.trim() !== before.cpus.trim()) {
    const n = Number(v.cpus);
    if (!v.cpus.trim() || !Number.isFinite(n) || n <= 0) errors.cpus = 'a positive number like 0.5';
    else request.cpus = n;
  }
  if (v.pidsLimit.trim() !== before.pidsLimit.trim()) {
    const n = Number(v.pidsLimit);
    if (!v.pidsLimit.trim() || !Number.isInteger(n) || n <= 0)
      errors.pidsLimit = 'a positive whole number';
    else request.pidsLimit = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(request).length === 0) return { ok: false, errors: { form: 'nothing changed' } };
  return { ok: true, request };
}
