'use client';

import { useState, type FormEvent } from 'react';
import { restartPolicyNames } from '@berth/protocol';
import { Button, ErrorText, Field, inputClass } from '../../../components/ui/ui.js';
import { useToast } from '../../../components/ui/toaster.js';
import type { ContainerDto } from '../../../lib/dto/container.js';
import { limitsToRequest, limitsToViewModel, type LimitsFormValues } from '../limits-form.js';
import { useUpdateLimits } from '../queries/use-update-limits.js';

/**
 * Memory / CPU / pids limits changed live on the running container, and its restart policy
 * (container.update).
 */
export function LimitsTab({
  container,
  canOperate,
}: {
  container: ContainerDto;
  canOperate: boolean;
}) {
  const before = limitsToViewModel(container.limits, container.restartPolicy);
  const [values, setValues] = useState<LimitsFormValues>(before);
  const [errors, setErrors] = useState<Partial<Record<keyof LimitsFormValues | 'form', string>>>(
    {},
  );
  const update = useUpdateLimits(container.hostId, container.engineId);
  const toast = useToast();
  function submit(e: FormEvent) {
    e.preventDefault();
    const res = limitsToRequest(values, before);
    if (!res.ok) return setErrors(res.errors);
    setErrors({});
    // A failure shows below the form (once, with its details), not in a toast as well.
    update.mutate(res.request, {
      onSuccess: () => toast('success', `Limits of ${container.name} updated`),
    });
  }
  const field = (key: keyof LimitsFormValues, label: string, placeholder: string) => (
    <Field label={label} htmlFor={`limit-${key}`}>
      <input
        id={`limit-${key}`}
        className={inputClass}
        placeholder={placeholder}
        value={values[key]}
        disabled={!canOperate}
        aria-invalid={errors[key] ? true : undefined}
        onChange={(e) => setValues({ ...values, [key]: e.target.value })}
      />
      {errors[key] ? <p className="text-xs text-red-600">{errors[key]}</p> : null}
    </Field>
  );
  return (
    <form onSubmit={submit} className="max-w-md space-y-4">
      {field('memory', 'Memory limit', 'e.g. 256m (empty = unlimited)')}
      {field('cpus', 'CPUs', 'e.g. 0.5 (empty = unlimited)')}
      {field('pidsLimit', 'PIDs limit', 'e.g. 100 (empty = unlimited)')}
      <p className="text-xs text-slate-500">Empty a field to remove that limit.</p>
      <div className="grid grid-cols-2 gap-4">
        <Field label="Restart policy" htmlFor="limit-restart">
          <select
            id="limit-restart"
            className={inputClass}
            value={values.restart}
            disabled={!canOperate}
            onChange={(e) => setValues({ ...values, restart: e.target.value })}
          >
            {restartPolicyNames.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        {values.restart === 'on-failure' ? (
          field('restartRetries', 'Maximum retries', 'empty = no maximum')
        ) : (
          <div />
        )}
      </div>
      {errors.form ? <p className="text-sm text-slate-500">{errors.form}</p> : null}
      <ErrorText error={update.error} />
      {canOperate ? (
        <Button type="submit" disabled={update.isPending}>
          Save limits
        </Button>
      ) : (
        <p className="text-sm text-slate-500">Changing limits needs the operator role.</p>
      )}
    </form>
  );
}
