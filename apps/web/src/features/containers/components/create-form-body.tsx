'use client';

import type { ReactNode } from 'react';
import { restartPolicyNames, type HostPolicy } from '@berth/protocol';
import { Field, inputClass } from '../../../components/ui/ui.js';
import { networkChoices } from '../../networks/network-form.js';
import type { CreateFormValues, FormErrors } from '../create-form.js';
import { advancedView } from '../create-advanced.js';
import { ListField } from './list-field.js';
import { AdvancedSection } from './advanced-section.js';
import { EnvField } from './env-field.js';
import { FieldError } from './field-error.js';

function Row({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-3">{children}</div>;
}

/**
 * The create form's fields, apart from its submit logic (use-create-submit.ts): host, image,
 * name, command, environment, ports, volumes, limits, restart policy, network and, for admins,
 * the elevated options the host's policy allows.
 */
export function CreateFormBody({
  values: v,
  set,
  errors,
  host,
  onHost,
  hostLocked,
  online,
  tags,
  networks,
  policy,
  canElevate,
}: {
  values: CreateFormValues;
  set: (patch: Partial<CreateFormValues>) => void;
  errors: FormErrors;
  host: string;
  onHost: (hostId: string) => void;
  /** A copy stays on its container's host. */
  hostLocked: boolean;
  online: readonly { id: string; name: string }[];
  /** Image tags on the host (the image field's suggestions). */
  tags: readonly string[];
  networks: Parameters<typeof networkChoices>[0];
  policy: HostPolicy | null;
  canElevate: boolean;
}) {
  const advanced = advancedView(policy);
  /** Host networking is elevated: offered only to admins on hosts whose policy allows it. */
  const offersNetwork = (n: string) =>
    n !== 'host' || (canElevate && advanced.shown.networkHost) || v.network === 'host';
  const bindHint = !canElevate
    ? 'Named volumes (data:/data); host paths need an admin.'
    : advanced.bindPaths === null
      ? 'Host paths are up to this host’s policy.'
      : advanced.bindPaths.length === 0
        ? 'This host allows no host paths: named volumes only.'
        : `Host paths allowed here: ${advanced.bindPaths.join(', ')}.`;
  const imageKnown =
    !v.image.trim() || tags.some((t) => t === v.image.trim() || t === `${v.image.trim()}:latest`);
  const text = (key: keyof CreateFormValues, label: string, placeholder = '') => (
    <Field label={label} htmlFor={`c-${key}`}>
      <input
        id={`c-${key}`}
        className={inputClass}
        placeholder={placeholder}
        value={v[key] as string}
        aria-invalid={errors[key] ? true : undefined}
        onChange={(e) => set({ [key]: e.target.value })}
      />
      <FieldError text={errors[key]} />
    </Field>
  );

  return (
    <>
      <Row>
        <Field label="Host" htmlFor="c-host">
          <select
            id="c-host"
            className={inputClass}
            value={host}
            disabled={hostLocked}
            onChange={(e) => onHost(e.target.value)}
          >
            {online.length === 0 ? <option value="">No online host</option> : null}
            {online.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Image" htmlFor="c-image">
          <input
            id="c-image"
            list="c-image-options"
            className={inputClass}
            placeholder="busybox:latest"
            value={v.image}
            aria-invalid={errors.image ? true : undefined}
            onChange={(e) => set({ image: e.target.value })}
          />
          <datalist id="c-image-options">
            {tags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <FieldError text={errors.image} />
          {!imageKnown && host ? (
            <p className="text-xs text-slate-500" data-testid="image-hint">
              Not on this host yet: it is pulled when you create the container.
            </p>
          ) : null}
        </Field>
        {text('name', 'Name', 'optional, e.g. web-1')}
      </Row>
      {text('command', 'Command', "optional, e.g. sh -c 'httpd -f -p 80'")}
      <EnvField rows={v.env} error={errors.env} onChange={(env) => set({ env })} />
      <div className="grid gap-4 sm:grid-cols-2">
        <ListField
          id="c-ports"
          label="Ports"
          placeholder="8080:80 or 127.0.0.1:8080:80/tcp"
          values={v.ports}
          error={errors.ports}
          onChange={(ports) => set({ ports })}
        />
        <div>
          <ListField
            id="c-volumes"
            label="Volumes"
            placeholder={canElevate ? 'data:/data or /srv/x:/x:ro' : 'data:/data'}
            values={v.volumes}
            error={errors.volumes}
            onChange={(volumes) => set({ volumes })}
          />
          <p className="mt-1 text-xs text-slate-500" data-testid="bind-hint">
            {bindHint}
          </p>
        </div>
      </div>
      <Row>
        {text('memory', 'Memory limit', 'e.g. 256m')}
        {text('cpus', 'CPU limit', 'e.g. 0.5 (CPUs)')}
        {text('pidsLimit', 'PIDs limit', 'e.g. 100')}
      </Row>
      <Row>
        <Field label="Restart policy" htmlFor="c-restart">
          <select
            id="c-restart"
            className={inputClass}
            value={v.restart}
            onChange={(e) => set({ restart: e.target.value as CreateFormValues['restart'] })}
          >
            {restartPolicyNames.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </Field>
        {v.restart === 'on-failure' ? (
          text('restartRetries', 'Maximum retries', 'optional')
        ) : (
          <div />
        )}
        <Field label="Network" htmlFor="c-network">
          <select
            id="c-network"
            className={inputClass}
            value={v.network}
            onChange={(e) => set({ network: e.target.value })}
          >
            {networkChoices(networks)
              .filter((n) => offersNetwork(n.value))
              .map((n) => (
                <option key={n.value} value={n.value}>
                  {n.label}
                </option>
              ))}
          </select>
          <FieldError text={errors.network} />
        </Field>
      </Row>
      {canElevate ? <AdvancedSection values={v} errors={errors} policy={policy} set={set} /> : null}
    </>
  );
}
