'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button, Card, ErrorText, PageHeader } from '../../../components/ui/ui.js';
import { useHosts } from '../../hosts/queries/use-hosts.js';
import { useHostImages } from '../../images/queries/use-host-images.js';
import { useHostNetworks } from '../../networks/queries/use-host-networks.js';
import { PullProgressBars } from '../../images/components/pull-progress-bars.js';
import { emptyCreateForm, type CreateFormValues } from '../create-form.js';
import { useCreateSubmit } from '../use-create-submit.js';
import { CreateFormBody } from './create-form-body.js';
import { FieldError } from './field-error.js';

/** /containers/new?host= — the form maps to CreateContainerRequest through pure toRequest. */
export function CreateContainerView({
  initialHost,
  canElevate,
}: {
  initialHost: string;
  /** An admin (`containers.elevated`): sees the elevated options. */
  canElevate: boolean;
}) {
  const hosts = useHosts();
  const online = (hosts.data ?? []).filter((h) => h.status === 'online');
  const [hostId, setHostId] = useState(initialHost);
  const host = hostId || online[0]?.id || '';
  const images = useHostImages(host);
  const networks = useHostNetworks(host);
  const [v, setV] = useState<CreateFormValues>(emptyCreateForm);
  const [start, setStart] = useState(true);
  const { submit, errors, create, createError, pull, pulling, busy } = useCreateSubmit({
    host,
    values: v,
    start,
    canElevate,
  });
  const set = (patch: Partial<CreateFormValues>) => setV((x) => ({ ...x, ...patch }));
  const tags = (images.data?.images ?? []).flatMap((i) =>
    i.repoTags.length ? i.repoTags : [i.id],
  );

  return (
    <>
      <PageHeader title="Create container" />
      <form onSubmit={submit} noValidate>
        <Card className="space-y-5">
          <CreateFormBody
            values={v}
            set={set}
            errors={errors}
            host={host}
            onHost={setHostId}
            online={online}
            tags={tags}
            networks={networks.data?.networks ?? []}
            policy={online.find((h) => h.id === host)?.policy ?? null}
            canElevate={canElevate}
          />
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
          <div className="flex gap-2">
            <Button type="submit" disabled={busy}>
              {pull.isPending ? 'Pulling…' : create.isPending ? 'Creating…' : 'Create'}
            </Button>
            <Link
              href="/containers"
              className="rounded-md px-3 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              Cancel
            </Link>
          </div>
        </Card>
      </form>
    </>
  );
}
