import { parseByteSize, type UpdateContainerRequest } from '@berth/protocol';
import type { ContainerDto } from '../../lib/dto/container.js';

export interface LimitsFormValues {
  memory: string;
  cpus: string;
  pidsLimit: string;
  /** `no`, `always`, `unless-stopped` or `on-failure`. */
  restart: string;
  /** on-failure's maximum retries ('' = no maximum). */
  restartRetries: string;
}

/** Pure: the current limits (and restart policy) as form strings (bytes as MiB when whole). */
export function limitsToViewModel(
  limits: ContainerDto['limits'],
  restartPolicy = 'no',
): LimitsFormValues {
  const mem = limits.memory;
  const [restart = 'no', retries = ''] = restartPolicy.split(':');
  return {
    memory: mem === null ? '' : mem % (1024 * 1024) === 0 ? `${mem / (1024 * 1024)}m` : String(mem),
    cpus: limits.cpus === null ? '' : String(limits.cpus),
    pidsLimit: limits.pidsLimit === null ? '' : String(limits.pidsLimit),
    restart,
    restartRetries: retries,
  };
}

/**
 * Pure: only the fields that changed; an emptied field removes that limit (`null`: unlimited
 * again). Errors per field, in words, otherwise.
 */
export function limitsToRequest(
  v: LimitsFormValues,
  before: LimitsFormValues,
):
  | { ok: true; request: UpdateContainerRequest }
  | { ok: false; errors: Partial<Record<keyof LimitsFormValues | 'form', string>> } {
  const errors: Partial<Record<keyof LimitsFormValues | 'form', string>> = {};
  const request: UpdateContainerRequest = {};
  const changed = (k: keyof LimitsFormValues) => v[k].trim() !== before[k].trim();
  const cleared = (k: keyof LimitsFormValues) => v[k].trim() === '';
  if (changed('memory')) {
    const bytes = parseByteSize(v.memory);
    if (cleared('memory')) request.memory = null;
    else if (bytes === null || bytes <= 0)
      errors.memory = 'Enter a size like 64m or 1g, or leave it empty for no limit.';
    else request.memory = bytes;
  }
  if (changed('cpus')) {
    const n = Number(v.cpus);
    if (cleared('cpus')) request.cpus = null;
    else if (!Number.isFinite(n) || n <= 0)
      errors.cpus = 'Enter a number of CPUs like 0.5 or 2, or leave it empty for no limit.';
    else request.cpus = n;
  }
  if (changed('pidsLimit')) {
    const n = Number(v.pidsLimit);
    if (cleared('pidsLimit')) request.pidsLimit = null;
    else if (!Number.isInteger(n) || n <= 0)
      errors.pidsLimit =
        'Enter a whole number of processes like 100, or leave it empty for no limit.';
    else request.pidsLimit = n;
  }
  if (changed('restart') || (v.restart === 'on-failure' && changed('restartRetries'))) {
    const retries = v.restartRetries.trim();
    if (v.restart === 'on-failure' && retries && !/^\d+$/.test(retries))
      errors.restartRetries = 'Enter a whole number of retries, or leave it empty for no maximum.';
    else
      request.restart = v.restart === 'on-failure' && retries ? `on-failure:${retries}` : v.restart;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(request).length === 0) return { ok: false, errors: { form: 'Nothing changed.' } };
  return { ok: true, request };
}
