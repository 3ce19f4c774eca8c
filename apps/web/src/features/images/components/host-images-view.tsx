'use client';

import { useState } from 'react';
import Link from 'next/link';
import {
  Button,
  EmptyState,
  Field,
  PageHeader,
  inputClass,
  tableClass,
  tdClass,
  thClass,
} from '../../../components/ui/ui.js';
import { Dialog } from '../../../components/ui/dialog.js';
import { imageName, type ImageDto } from '../../../lib/dto/image.js';
import { formatBytes } from '../../stats/format.js';
import { useHost } from '../../hosts/queries/use-host.js';
import { useHostImages } from '../queries/use-host-images.js';
import { useImageAction } from '../queries/use-image-action.js';
import { usePullImage } from '../queries/use-pull-image.js';
import { LayerSharingView } from './layer-sharing-view.js';
import { PullDialog } from './pull-dialog.js';
import { PullProgressBars } from './pull-progress-bars.js';

type Pending =
  { kind: 'remove'; image: ImageDto } | { kind: 'prune' } | { kind: 'tag'; image: ImageDto } | null;

/**
 * One host's images: title with the host's name and a breadcrumb back to it, list (or an empty
 * state), pull (with progress), tag, push, remove, prune, layer sharing.
 */
export function HostImagesView({
  hostId,
  canOperate,
  initialPull = '',
}: {
  hostId: string;
  canOperate: boolean;
  /** `?pull=REF`: the pull dialog opens with this reference filled in. */
  initialPull?: string;
}) {
  const host = useHost(hostId);
  const images = useHostImages(hostId);
  const action = useImageAction(hostId);
  const pull = usePullImage(hostId);
  const [pullOpen, setPullOpen] = useState(canOperate && initialPull !== '');
  const [pending, setPending] = useState<Pending>(null);
  const [tagTarget, setTagTarget] = useState('');
  const list = images.data?.images ?? [];
  const hostName = host.data?.name ?? 'this host';

  return (
    <div className="space-y-8">
      <div>
        <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-500 dark:text-slate-400">
          <Link href="/hosts" className="hover:underline">
            Hosts
          </Link>{' '}
          /{' '}
          <Link href={`/hosts/${encodeURIComponent(hostId)}`} className="hover:underline">
            {host.data?.name ?? '…'}
          </Link>
        </nav>
        <PageHeader title={host.data ? `Images on ${host.data.name}` : 'Images'} />
      </div>
      <section className="space-y-3" aria-label="Images">
        <div className="flex items-center gap-2">
          <h2 className="text-lg font-semibold">Images</h2>
          {canOperate ? (
            <div className="ml-auto flex gap-2">
              <Button onClick={() => setPullOpen(true)}>Pull image</Button>
              <Button variant="secondary" onClick={() => setPending({ kind: 'prune' })}>
                Prune
              </Button>
            </div>
          ) : null}
        </div>
        {pull.isPending && !pullOpen ? (
          <PullProgressBars view={pull.progress} label={pull.pullRef ?? ''} />
        ) : null}
        {images.error ? (
          <p role="alert" className="text-sm text-red-600">
            {images.error instanceof Error ? images.error.message : 'unavailable'}
          </p>
        ) : null}
        {images.data && list.length === 0 ? (
          <EmptyState title={`No images on ${hostName} yet — pull one`}>
            {canOperate ? 'Use "Pull image" above.' : 'An operator can pull one.'}
          </EmptyState>
        ) : null}
        {list.length > 0 ? (
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>Image</th>
                <th className={thClass}>ID</th>
                <th className={thClass} title="As pulled: the layers' compressed size">
                  Size (compressed)
                </th>
                <th className={thClass}>Layers</th>
                <th className={thClass}>Created</th>
                {canOperate ? <th className={thClass}>Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((img) => (
                <tr key={img.id} data-testid="image-row">
                  <td className={tdClass}>
                    {img.repoTags.length ? img.repoTags.join(', ') : <em>&lt;none&gt;</em>}
                  </td>
                  <td className={`${tdClass} font-mono text-xs`}>
                    {img.id.replace(/^sha256:/, '').slice(0, 12)}
                  </td>
                  <td className={tdClass}>{formatBytes(img.size)}</td>
                  <td className={tdClass}>{img.layers.length}</td>
                  <td className={tdClass}>
                    {img.created ? new Date(img.created).toLocaleString() : '–'}
                  </td>
                  {canOperate ? (
                    <td className={`${tdClass} space-x-1 whitespace-nowrap`}>
                      <Button
                        variant="secondary"
                        onClick={() => {
                          setTagTarget('');
                          setPending({ kind: 'tag', image: img });
                        }}
                      >
                        Tag
                      </Button>
                      <Button
                        variant="secondary"
                        disabled={img.repoTags.length === 0 || action.isPending}
                        onClick={() => action.mutate({ kind: 'push', ref: img.repoTags[0]! })}
                      >
                        Push
                      </Button>
                      <Button
                        variant="danger"
                        onClick={() => setPending({ kind: 'remove', image: img })}
                      >
                        Remove
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>

      <LayerSharingView hostId={hostId} />

      <PullDialog
        open={pullOpen}
        onClose={() => setPullOpen(false)}
        pull={pull}
        initialRef={initialPull}
      />

      <Dialog
        open={pending?.kind === 'remove' || pending?.kind === 'prune'}
        onClose={() => setPending(null)}
        title={pending?.kind === 'prune' ? 'Prune images' : 'Remove image'}
      >
        <p className="text-sm">
          {pending?.kind === 'prune'
            ? 'Remove every dangling image and unreferenced layer on this host?'
            : pending?.kind === 'remove'
              ? `Remove ${imageName(pending.image)}?`
              : ''}
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setPending(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              if (pending?.kind === 'prune') action.mutate({ kind: 'prune' });
              if (pending?.kind === 'remove') {
                action.mutate({
                  kind: 'remove',
                  ref: pending.image.repoTags[0] ?? pending.image.id,
                });
              }
              setPending(null);
            }}
          >
            Confirm
          </Button>
        </div>
      </Dialog>

      <Dialog open={pending?.kind === 'tag'} onClose={() => setPending(null)} title="Tag image">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            if (pending?.kind !== 'tag' || !tagTarget.trim()) return;
            action.mutate({ kind: 'tag', source: pending.image.id, target: tagTarget.trim() });
            setPending(null);
          }}
        >
          <Field label="New tag" htmlFor="tag-target">
            <input
              id="tag-target"
              className={inputClass}
              value={tagTarget}
              placeholder="127.0.0.1:5000/team/app:1.0"
              onChange={(e) => setTagTarget(e.target.value)}
            />
          </Field>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setPending(null)}>
              Cancel
            </Button>
            <Button type="submit">Tag</Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
