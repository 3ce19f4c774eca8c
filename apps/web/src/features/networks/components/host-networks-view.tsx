'use client';

import { Fragment, useState } from 'react';
import {
  Button,
  EmptyState,
  tableClass,
  tdClass,
  TextField,
  thClass,
} from '../../../components/ui/ui.js';
import { HostPageHeader } from '../../../components/ui/host-page-header.js';
import { Dialog } from '../../../components/ui/dialog.js';
import type { NetworkDto } from '../../../lib/dto/network.js';
import { useHost } from '../../hosts/queries/use-host.js';
import { useHostNetworks } from '../queries/use-host-networks.js';
import { useNetworkAction } from '../queries/use-network-action.js';
import {
  emptyNetworkForm,
  networkRow,
  toNetworkRequest,
  type NetworkFormValues,
} from '../network-form.js';

/** One network's containers (the inspect part): name, interface, address, aliases. */
function NetworkContainers({ network }: { network: NetworkDto }) {
  if (network.containers.length === 0)
    return <p className="text-sm text-slate-500">No container is connected.</p>;
  return (
    <table className={tableClass} aria-label={`Containers on ${network.name}`}>
      <thead>
        <tr>
          <th className={thClass}>Container</th>
          <th className={thClass}>Interface</th>
          <th className={thClass}>Address</th>
          <th className={thClass}>Aliases</th>
        </tr>
      </thead>
      <tbody>
        {network.containers.map((c) => (
          <tr key={c.id} data-testid="network-container-row">
            <td className={tdClass}>{c.name}</td>
            <td className={`${tdClass} font-mono text-xs`}>{c.ifname}</td>
            <td className={`${tdClass} font-mono text-xs`}>
              {c.ip ? `${c.ip}${c.prefixLen === null ? '' : `/${c.prefixLen}`}` : '–'}
            </td>
            <td className={tdClass}>{c.aliases.join(', ') || '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * One host's networks: list (subnet, gateway, kind, DNS, containers), create, remove (refused by
 * the agent while containers are on it), and each network's containers on demand.
 */
export function HostNetworksView({ hostId, canOperate }: { hostId: string; canOperate: boolean }) {
  const host = useHost(hostId);
  const networks = useHostNetworks(hostId);
  const action = useNetworkAction(hostId);
  const [open, setOpen] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [form, setForm] = useState<NetworkFormValues>(emptyNetworkForm);
  const [errors, setErrors] = useState<Partial<Record<keyof NetworkFormValues, string>>>({});
  const [removing, setRemoving] = useState<NetworkDto | null>(null);
  const list = networks.data?.networks ?? [];
  const colSpan = canOperate ? 8 : 7;

  return (
    <div className="space-y-6">
      <HostPageHeader
        hostId={hostId}
        hostName={host.data?.name}
        things="Networks"
        actions={
          canOperate ? (
            <Button
              onClick={() => {
                setForm(emptyNetworkForm);
                setErrors({});
                setCreating(true);
              }}
            >
              Create network
            </Button>
          ) : null
        }
      />
      {networks.error ? (
        <p role="alert" className="text-sm text-red-600">
          {networks.error instanceof Error ? networks.error.message : 'unavailable'}
        </p>
      ) : null}
      {networks.data && list.length === 0 ? (
        <EmptyState title="No networks reported yet">
          The host reports its networks when it connects.
        </EmptyState>
      ) : null}
      {list.length > 0 ? (
        <table className={tableClass}>
          <thead>
            <tr>
              <th className={thClass}>Name</th>
              <th className={thClass}>ID</th>
              <th className={thClass}>Subnet</th>
              <th className={thClass}>Gateway</th>
              <th className={thClass}>Kind</th>
              <th className={thClass}>Names resolve</th>
              <th className={thClass}>Containers</th>
              {canOperate ? <th className={thClass}>Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {list.map((n) => {
              const row = networkRow(n);
              return (
                <Fragment key={n.id}>
                  <tr data-testid="network-row">
                    <td className={tdClass}>
                      <button
                        type="button"
                        className="font-medium text-sky-700 hover:underline dark:text-sky-400"
                        aria-expanded={open === n.id}
                        onClick={() => setOpen(open === n.id ? null : n.id)}
                      >
                        {n.name}
                      </button>
                    </td>
                    <td className={`${tdClass} font-mono text-xs`}>{row.id}</td>
                    <td className={`${tdClass} font-mono text-xs`}>{n.subnet}</td>
                    <td className={`${tdClass} font-mono text-xs`}>{n.gateway}</td>
                    <td className={tdClass}>{row.kind}</td>
                    <td className={tdClass}>{row.dns}</td>
                    <td className={tdClass}>{row.containers}</td>
                    {canOperate ? (
                      <td className={tdClass}>
                        {n.builtin ? null : (
                          <Button variant="danger" onClick={() => setRemoving(n)}>
                            Remove
                          </Button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                  {open === n.id ? (
                    <tr>
                      <td className={tdClass} colSpan={colSpan}>
                        <p className="mb-2 text-xs text-slate-500">
                          bridge <span className="font-mono">{n.bridge}</span> · created{' '}
                          {n.builtin ? 'with the agent' : new Date(n.createdAt).toLocaleString()}
                          {Object.keys(n.labels).length > 0
                            ? ` · labels ${Object.entries(n.labels)
                                .map(([k, v]) => `${k}=${v}`)
                                .join(', ')}`
                            : ''}
                        </p>
                        <NetworkContainers network={n} />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      ) : null}

      <Dialog open={creating} onClose={() => setCreating(false)} title="Create network">
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            const res = toNetworkRequest(form);
            if (!res.ok) return setErrors(res.errors);
            action.mutate({ kind: 'create', request: res.request });
            setCreating(false);
          }}
        >
          <TextField
            label="Name"
            id="network-name"
            value={form.name}
            placeholder="app"
            onChange={(v) => setForm({ ...form, name: v })}
          />
          {errors.name ? <p className="text-sm text-red-600">{errors.name}</p> : null}
          <TextField
            label="Subnet (empty: the next free one)"
            id="network-subnet"
            value={form.subnet}
            placeholder="10.90.0.0/24"
            onChange={(v) => setForm({ ...form, subnet: v })}
          />
          {errors.subnet ? <p className="text-sm text-red-600">{errors.subnet}</p> : null}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={form.internal}
              onChange={(e) => setForm({ ...form, internal: e.target.checked })}
            />
            Internal (no outside access, no published ports)
          </label>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setCreating(false)}>
              Cancel
            </Button>
            <Button type="submit">Create</Button>
          </div>
        </form>
      </Dialog>

      <Dialog open={removing !== null} onClose={() => setRemoving(null)} title="Remove network">
        <p className="text-sm">
          {removing && removing.containers.length > 0
            ? `${removing.name} has ${removing.containers.length} container(s) on it: the host will refuse until they are disconnected or removed.`
            : `Remove ${removing?.name ?? ''}?`}
        </p>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRemoving(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            onClick={() => {
              if (removing) action.mutate({ kind: 'remove', id: removing.id, name: removing.name });
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
