'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { restartPolicyNames, type CreateContainerRequest } from '@berth/protocol';
import {
  Button,
  Card,
  ErrorText,
  Field,
  PageHeader,
  inputClass,
} from '../../../components/ui/ui.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useHostImages } from '../../images/queries/use-host-images.js';
import { useHostNetworks } from '../../networks/queries/use-host-networks.js';
import { networkChoices } from '../../networks/network-form.js';
import {
  carriedNames,
  emptyCreateForm,
  toRequest,
  toViewModel,
  type CreateFormValues,
  type FormErrors,
} from '../create-form.js';
import { useCreateContainer } from '../queries/use-create-container.js';
import { useReplaceContainer } from '../queries/use-replace-container.js';
import { specChanges, type SpecChange } from '../../../lib/container-spec-diff.js';
import { ReplacePreview } from './replace-preview.js';
import { usePullImage } from '../../images/queries/use-pull-image.js';
import { PullProgressBars } from '../../images/components/pull-progress-bars.js';
import { ApiError } from '../../../lib/api-client.js';
import { containerHref } from '../container-view-model.js';
import { ListField } from './list-field.js';
import { AdvancedSection } from './advanced-section.js';
import { advancedView } from '../create-advanced.js';

function FieldError({ text }: { text: string | undefined }) {
  return text ? <p className="text-xs text-red-600 dark:text-red-400">{text}</p> : null;
}

function Row({ children }: { children: ReactNode }) {
  return <div className="grid gap-4 sm:grid-cols-3">{children}</div>;
}

/** The container Duplicate/Edit starts from: its settings as a create request. */
export interface CopySource {
  /** Its engine ID (the replace's target). */
  ref: string;
  name: string;
  request: CreateContainerRequest;
  notCopied: string[];
}

/**
 * /containers/new?host= — the form maps to CreateContainerRequest through pure toRequest. With
 * `copyOf` (Duplicate/Edit) it starts from that container's settings, and offers "Create as new"
 * (another name) and "Replace" (the same name, after a preview of what changes).
 */
export function CreateContainerView({
  initialHost,
  canElevate,
  copyOf,
}: {
  initialHost: string;
  /** An admin (`containers.elevated`): sees the elevated options. */
  canElevate: boolean;
  copyOf?: CopySource;
}) {
  const router = useRouter();
  const hosts = useHosts();
  const online = (hosts.data ?? []).filter((h) => h.status === 'online');
  const [hostId, setHostId] = useState(initialHost);
  const host = hostId || online[0]?.id || '';
  const images = useHostImages(host);
  const networks = useHostNetworks(host);
  const [v, setV] = useState<CreateFormValues>(() =>
    copyOf ? toViewModel(copyOf.request) : emptyCreateForm,
  );
  const [start, setStart] = useState(true);
  const [errors, setErrors] = useState<FormErrors>({});
  const create = useCreateContainer();
  const replace = useReplaceContainer();
  const [preview, setPreview] = useState<{
    changes: SpecChange[];
    request: CreateContainerRequest;
  } | null>(null);
  const pull = usePullImage(host, { toasts: false });
  const [pulling, setPulling] = useState<string | null>(null);
  const busy = create.isPending || replace.isPending || pull.isPending;
  // A missing image is not an error to show: it is being pulled (below).
  const failed = replace.error ?? create.error;
  const createError = failed instanceof ApiError && failed.details.missingImage ? null : failed;
  const set = (patch: Partial<CreateFormValues>) => setV((x) => ({ ...x, ...patch }));
  const tags = (images.data?.images ?? []).flatMap((i) =>
    i.repoTags.length ? i.repoTags : [i.id],
  );
  const policy = online.find((h) => h.id === host)?.policy ?? null;
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

  /**
   * Create; an image that is not on the host yet is pulled first, with its layers' progress
   * here, and the create is tried once more (as `docker run` does).
   */
  async function pullingIfMissing(run: () => Promise<{ id: string }>) {
    try {
      return await run();
    } catch (err) {
      const missing = err instanceof ApiError ? err.details.missingImage : undefined;
      if (typeof missing !== 'string') throw err;
      setPulling(missing);
      await pull.mutateAsync(missing);
      return run();
    }
  }

  /** The form as a request, or null with its errors shown; `mode` checks the name a copy needs. */
  function checked(mode: 'create' | 'replace'): CreateContainerRequest | null {
    const res = toRequest(v, { canElevate, ...(copyOf ? { base: copyOf.request } : {}) });
    const nameError = copyOf ? copyNameError(mode, v.name.trim(), copyOf.name) : null;
    const errs: FormErrors | null = !host
      ? { form: 'Choose an online host.' }
      : !res.ok
        ? res.errors
        : nameError
          ? { name: nameError }
          : null;
    if (errs || !res.ok) {
      setErrors(errs ?? {});
      return null;
    }
    setErrors({});
    setPulling(null);
    pull.reset();
    create.reset();
    replace.reset();
    return res.request;
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    const request = checked('create');
    if (!request) return;
    pullingIfMissing(() => create.mutateAsync({ hostId: host, request, start })).then(
      (r) => router.push(containerHref(host, r.id)),
      () => undefined, // shown below (create.error / pull.error)
    );
  }

  function askReplace() {
    const request = checked('replace');
    if (request && copyOf) setPreview({ changes: specChanges(copyOf.request, request), request });
  }

  function confirmReplace() {
    if (!preview || !copyOf) return;
    // by name: a failed replace puts the old container back under its name, with a new ID
    const vars = { hostId: host, ref: copyOf.name, request: preview.request, start };
    setPreview(null);
    pullingIfMissing(() => replace.mutateAsync(vars)).then(
      (r) => router.push(containerHref(host, r.id)),
      () => undefined, // shown below
    );
  }
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
      <PageHeader title={copyOf ? `Duplicate/Edit ${copyOf.name}` : 'Create container'} />
      <form onSubmit={submit} noValidate>
        <Card className="space-y-5">
          <Row>
            <Field label="Host" htmlFor="c-host">
              <select
                id="c-host"
                className={inputClass}
                value={host}
                disabled={copyOf !== undefined}
                onChange={(e) => setHostId(e.target.value)}
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
          <Field label="Environment" htmlFor="c-env-0">
            <div className="space-y-2">
              {v.env.map((row, i) => (
                <div key={i} className="flex gap-2">
                  <input
                    id={`c-env-${i}`}
                    aria-label={`Variable ${i + 1} name`}
                    className={inputClass}
                    placeholder="KEY"
                    value={row.key}
                    onChange={(e) =>
                      set({
                        env: v.env.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)),
                      })
                    }
                  />
                  <input
                    aria-label={`Variable ${i + 1} value`}
                    className={inputClass}
                    placeholder="value"
                    value={row.value}
                    onChange={(e) =>
                      set({
                        env: v.env.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)),
                      })
                    }
                  />
                  <Button
                    variant="secondary"
                    aria-label={`Remove variable ${i + 1}`}
                    onClick={() => set({ env: v.env.filter((_, j) => j !== i) })}
                  >
                    ×
                  </Button>
                </div>
              ))}
              <Button
                variant="secondary"
                onClick={() => set({ env: [...v.env, { key: '', value: '' }] })}
              >
                Add variable
              </Button>
              <FieldError text={errors.env} />
            </div>
          </Field>
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
                {networkChoices(networks.data?.networks ?? [])
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
          {canElevate ? (
            <AdvancedSection values={v} errors={errors} policy={policy} set={set} />
          ) : null}
          {copyOf ? <CopyNotes copyOf={copyOf} /> : null}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={start} onChange={(e) => setStart(e.target.checked)} />
            Start after creating
          </label>
          <FieldError text={errors.form} />
          {pulling ? (
            <div className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
              <p className="text-sm" role="status" data-testid="create-pull-status">
                {pull.isPending
                  ? `Pulling ${pulling}: not on this host yet…`
                  : pull.isSuccess
                    ? `Pulled ${pulling}.${create.isPending ? ' Creating…' : ''}`
                    : `Could not pull ${pulling}.`}
              </p>
              <PullProgressBars view={pull.progress} label={pulling} />
              <ErrorText error={pull.error} />
            </div>
          ) : null}
          {pull.error ? null : <ErrorText error={createError} />}
          {replace.error instanceof ApiError && replace.error.details.restored === true ? (
            <p className="text-sm" role="status" data-testid="replace-restored">
              {copyOf?.name} was put back as it was.
            </p>
          ) : null}
          <div className="flex gap-2">
            <Button type="submit" disabled={busy} variant={copyOf ? 'secondary' : 'primary'}>
              {pull.isPending
                ? 'Pulling…'
                : create.isPending
                  ? 'Creating…'
                  : copyOf
                    ? 'Create as new'
                    : 'Create'}
            </Button>
            {copyOf ? (
              <Button disabled={busy} onClick={askReplace}>
                {replace.isPending ? 'Replacing…' : 'Replace…'}
              </Button>
            ) : null}
            <Link
              href={copyOf ? containerHref(host, copyOf.ref) : '/containers'}
              className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              Cancel
            </Link>
          </div>
        </Card>
      </form>
      {copyOf ? (
        <ReplacePreview
          name={copyOf.name}
          changes={preview?.changes ?? null}
          onConfirm={confirmReplace}
          onClose={() => setPreview(null)}
        />
      ) : null}
    </>
  );
}

/** Pure: a copy is created under another name; a replacement keeps the name. */
function copyNameError(mode: 'create' | 'replace', name: string, original: string): string | null {
  if (mode === 'create' && name === original)
    return `${original} exists: give the copy another name, or Replace it.`;
  if (mode === 'replace' && name !== original)
    return `Replace keeps the name ${original}: put it back, or Create as new.`;
  return null;
}

/** What a copy keeps without showing it, and what it could not copy. */
function CopyNotes({ copyOf }: { copyOf: CopySource }) {
  const kept = carriedNames(copyOf.request);
  return (
    <div className="space-y-1 text-xs text-slate-500" data-testid="copy-notes">
      {kept.length > 0 ? <p>Also kept as they are: {kept.join(', ')}.</p> : null}
      {copyOf.notCopied.map((n) => (
        <p key={n} className="text-amber-700 dark:text-amber-400">
          Not copied: {n}.
        </p>
      ))}
    </div>
  );
}
