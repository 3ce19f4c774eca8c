'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button, Card, ErrorText, PageHeader } from '../../../components/ui/ui.js';
import { ApiError } from '../../../lib/api-client.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useHostImages } from '../../images/queries/use-host-images.js';
import { useHostNetworks } from '../../networks/queries/use-host-networks.js';
import { PullProgressBars } from '../../images/components/pull-progress-bars.js';
import { emptyCreateForm, toViewModel, type CreateFormValues } from '../create-form.js';
import { containerHref } from '../container-view-model.js';
import { useCreateSubmit, type CopySource } from '../use-create-submit.js';
import { CreateFormBody } from './create-form-body.js';
import { CopyNotes } from './copy-notes.js';
import { FieldError } from './field-error.js';
import { ReplacePreview } from './replace-preview.js';

export type { CopySource } from '../use-create-submit.js';

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
  const s = useCreateSubmit({ host, values: v, start, canElevate, ...(copyOf ? { copyOf } : {}) });
  const { errors, create, replace, pull, pulling, busy } = s;
  const set = (patch: Partial<CreateFormValues>) => setV((x) => ({ ...x, ...patch }));
  const tags = (images.data?.images ?? []).flatMap((i) =>
    i.repoTags.length ? i.repoTags : [i.id],
  );

  return (
    <>
      <PageHeader title={copyOf ? `Duplicate/Edit ${copyOf.name}` : 'Create container'} />
      <form onSubmit={s.submit} noValidate>
        <Card className="space-y-5">
          <CreateFormBody
            values={v}
            set={set}
            errors={errors}
            host={host}
            onHost={setHostId}
            hostLocked={copyOf !== undefined}
            online={online}
            tags={tags}
            networks={networks.data?.networks ?? []}
            policy={online.find((h) => h.id === host)?.policy ?? null}
            canElevate={canElevate}
          />
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
          {pull.error ? null : <ErrorText error={s.createError} />}
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
              <Button disabled={busy} onClick={s.askReplace}>
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
          changes={s.preview?.changes ?? null}
          onConfirm={s.confirmReplace}
          onClose={s.closePreview}
        />
      ) : null}
    </>
  );
}
