'use client';

import { Fragment, useState } from 'react';
import Link from 'next/link';
import { Dialog } from '../../../components/ui/dialog.js';
import {
  Button,
  EmptyState,
  ErrorText,
  SubmitActions,
  tableClass,
  tdClass,
  TextField,
  thClass,
} from '../../../components/ui/ui.js';
import { HostPageHeader } from '../../../components/ui/host-page-header.js';
import type { VolumeDto } from '../../../lib/dto/volume.js';
import { useHost } from '../../hosts/queries/use-host.js';
import { useHostVolumes } from '../queries/use-host-volumes.js';
import { useVolumeAction } from '../queries/use-volume-action.js';
import { VolumeBrowser } from './volume-browser.js';

/**
 * One host's volumes: list (stack, containers using each), create, remove (refused while in use),
 * and a read-only browser of a volume's files for those who may read them.
 */
export function HostVolumesView({
  hostId,
  canOperate,
  canBrowse,
}: {
  hostId: string;
  canOperate: boolean;
  canBrowse: boolean;
}) {
  const host = useHost(hostId);
  const volumes = useHostVolumes(hostId);
  const action = useVolumeAction(hostId);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [removing, setRemoving] = useState<VolumeDto | null>(null);
  const list = volumes.data?.volumes ?? [];
  return (
    <div className="space-y-6">
      <HostPageHeader
        hostId={hostId}
        hostName={host.data?.name}
        things="Volumes"
        actions={
          canOperate ? (
            <Button
              onClick={() => {
                setName('');
                action.reset();
                setCreating(true);
              }}
            >
              Create volume
            </Button>
          ) : null
        }
      />
      <ErrorText error={volumes.error} />
      {volumes.data && list.length === 0 ? <EmptyState title="No volumes on this host" /> : null}
      {list.length > 0 ? (
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>Name</th>
              <th className={thClass}>Stack</th>
              <th className={thClass}>Used by</th>
              <th className={thClass}>Created</th>
              {canOperate ? <th className={thClass}>Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {list.map((v) => (
              <Fragment key={v.name}>
                <tr data-testid="volume-row" data-volume={v.name}>
                  <td className={tdClass}>
                    {canBrowse ? (
                      <button
                        type="button"
                        className="font-medium text-sky-700 hover:underline dark:text-sky-400"
                        aria-expanded={open === v.name}
                        onClick={() => setOpen(open === v.name ? null : v.name)}
                      >
                        {v.name}
                      </button>
                    ) : (
                      <span className="font-medium">{v.name}</span>
                    )}
                  </td>
                  <td className={tdClass}>
                    {v.project ? (
                      <Link
                        href={`/stacks/${encodeURIComponent(v.project)}`}
                        className="text-sky-700 hover:underline dark:text-sky-400"
                      >
                        {v.project}
                      </Link>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td className={tdClass} data-testid="volume-users">
                    {v.usedBy.length === 0 ? '–' : v.usedBy.map((u) => u.name).join(', ')}
                  </td>
                  <td className={tdClass}>{new Date(v.createdAt).toLocaleString()}</td>
                  {canOperate ? (
                    <td className={tdClass}>
                      <Button variant="danger" onClick={() => setRemoving(v)}>
                        Remove
                      </Button>
                    </td>
                  ) : null}
                </tr>
                {open === v.name ? (
                  <tr>
                    <td className={tdClass} colSpan={canOperate ? 5 : 4}>
                      <VolumeBrowser hostId={hostId} name={v.name} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      ) : null}

      <Dialog open={creating} onClose={() => setCreating(false)} title="Create volume">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate(
              { kind: 'create', name: name.trim() },
              { onSuccess: () => setCreating(false) },
            );
          }}
        >
          <TextField label="Name" id="volume-name" value={name} onChange={setName} />
          <ErrorText error={action.variables?.kind === 'create' ? action.error : null} />
          <SubmitActions
            onCancel={() => setCreating(false)}
            pending={name.trim() === '' || action.isPending}
          >
            Create
          </SubmitActions>
        </form>
      </Dialog>

      <Dialog open={removing !== null} onClose={() => setRemoving(null)} title="Remove volume">
        <p className="text-sm">
          {removing && removing.usedBy.length > 0
            ? `${removing.name} is used by ${removing.usedBy.map((u) => u.name).join(', ')}: the host will refuse.`
            : `Remove ${removing?.name ?? ''} and its data?`}
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              if (removing) action.mutate({ kind: 'remove', name: removing.name });
              setRemoving(null);
            }}
          >
            Confirm
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
