'use client';

import type { HostPolicy } from '@berth/protocol';
import type { CreateFormValues, FormErrors } from '../create-form.js';
import { advancedView } from '../create-advanced.js';
import { ListField } from './list-field.js';

/**
 * The create form's elevated options, shown to admins only: privileged, the host's PID
 * namespace, extra capabilities, devices, security options. Controls the host's policy refuses
 * are hidden; the host network is in the Network select and host paths in Volumes.
 */
export function AdvancedSection({
  values: v,
  errors,
  policy,
  set,
}: {
  values: CreateFormValues;
  errors: FormErrors;
  policy: HostPolicy | null;
  set: (patch: Partial<CreateFormValues>) => void;
}) {
  const view = advancedView(policy);
  const { shown } = view;
  const check = (key: 'privileged' | 'pidHost', label: string, hint: string) =>
    shown[key] ? (
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          className="mt-1"
          checked={v[key]}
          onChange={(e) => set({ [key]: e.target.checked })}
        />
        <span>
          {label}
          <span className="block text-xs text-slate-500">{hint}</span>
          {errors[key] ? (
            <span className="block text-xs text-red-600 dark:text-red-400">{errors[key]}</span>
          ) : null}
        </span>
      </label>
    ) : null;
  return (
    <details
      className="rounded-md border border-amber-300 p-3 dark:border-amber-800"
      data-testid="advanced-options"
    >
      <summary className="cursor-pointer text-sm font-medium">Advanced — elevated options</summary>
      <div className="mt-3 space-y-4">
        <p
          role="note"
          className="rounded-md bg-amber-50 p-2 text-xs text-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
        >
          These options reach past the container into its host: a privileged container, the host’s
          namespaces, extra capabilities, devices and bind mounts can each amount to root on the
          host. Only admins may ask for them, and only what this host’s owner allowed on its agent
          is accepted.
          {policy === null
            ? ' This host’s agent did not report its policy.'
            : view.refused.length > 0
              ? ` Not allowed on this host: ${view.refused.join(', ')}.`
              : ''}
        </p>
        {check('privileged', 'Privileged', 'every capability, no confinement, writable /sys')}
        {check('pidHost', 'Share the host’s PID namespace', 'sees and signals every host process')}
        <div className="grid gap-4 sm:grid-cols-3">
          {shown.capAdd ? (
            <ListField
              id="c-cap-add"
              label="Capabilities"
              placeholder="NET_ADMIN"
              values={v.capAdd}
              error={errors.capAdd}
              onChange={(capAdd) => set({ capAdd })}
            />
          ) : null}
          {shown.devices ? (
            <ListField
              id="c-devices"
              label="Devices"
              placeholder="/dev/fuse"
              values={v.devices}
              error={errors.devices}
              onChange={(devices) => set({ devices })}
            />
          ) : null}
          {shown.securityOpt ? (
            <ListField
              id="c-security-opt"
              label="Security options"
              placeholder="seccomp=unconfined"
              values={v.securityOpt}
              error={errors.securityOpt}
              onChange={(securityOpt) => set({ securityOpt })}
            />
          ) : null}
        </div>
      </div>
    </details>
  );
}
