'use client';

import { useState } from 'react';
import { Button, EmptyState } from '../../../components/ui/ui.js';
import { HostPageHeader } from '../../../components/ui/host-page-header.js';
import { useHost } from '../../hosts/queries/use-host.js';
import { useHostImages } from '../queries/use-host-images.js';
import { useImageAction } from '../queries/use-image-action.js';
import { usePullImage } from '../queries/use-pull-image.js';
import { LayerSharingView } from './layer-sharing-view.js';
import { PullDialog } from './pull-dialog.js';
import { PullProgressBars } from './pull-progress-bars.js';
import { ImagesTable } from './images-table.js';
import { ImageDialogs, type PendingImageAction } from './image-dialogs.js';

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
  const [pending, setPending] = useState<PendingImageAction | null>(null);
  const [tagTarget, setTagTarget] = useState('');
  const list = images.data?.images ?? [];
  const hostName = host.data?.name ?? 'this host';

  return (
    <div className="space-y-8">
      <HostPageHeader hostId={hostId} hostName={host.data?.name} things="Images" />
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
          <ImagesTable
            images={list}
            canOperate={canOperate}
            busy={action.isPending}
            onTag={(img) => {
              setTagTarget('');
              setPending({ kind: 'tag', image: img });
            }}
            onPush={(img) => action.mutate({ kind: 'push', ref: img.repoTags[0]! })}
            onRemove={(img) => setPending({ kind: 'remove', image: img })}
          />
        ) : null}
      </section>

      <LayerSharingView hostId={hostId} />

      <PullDialog
        open={pullOpen}
        onClose={() => setPullOpen(false)}
        pull={pull}
        initialRef={initialPull}
      />

      <ImageDialogs
        pending={pending}
        onClose={() => setPending(null)}
        tagTarget={tagTarget}
        onTagTarget={setTagTarget}
        onConfirm={(p) => {
          if (p.kind === 'prune') action.mutate({ kind: 'prune' });
          if (p.kind === 'remove')
            action.mutate({ kind: 'remove', ref: p.image.repoTags[0] ?? p.image.id });
          if (p.kind === 'tag' && tagTarget.trim())
            action.mutate({ kind: 'tag', source: p.image.id, target: tagTarget.trim() });
        }}
      />
    </div>
  );
}
