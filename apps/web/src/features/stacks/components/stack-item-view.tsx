'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { Dialog } from '../../../components/ui/dialog.js';
import { Button, ErrorText, PageHeader } from '../../../components/ui/ui.js';
import type { StackHostDto, StackOperationDto } from '../../../lib/dto/stack.js';
import type { ProgressContext } from '../deploy-progress.js';
import { useStack } from '../queries/use-stack.js';
import { operationsOf, useStackMutation } from '../queries/use-stack-mutation.js';
import { useStackProgress } from '../queries/use-stack-progress.js';
import { DeployProgressView } from './deploy-progress-view.js';
import { HostPicker } from './new-stack-view.js';
import { StackEditorPanel } from './stack-editor-panel.js';
import { StackLogs } from './stack-logs.js';
import { StackMatrix, type HostAction } from './stack-matrix.js';
import { StackServices } from './stack-services.js';
import { StackVersions } from './stack-versions.js';

type Confirm =
  | { kind: 'remove-host'; host: StackHostDto }
  | { kind: 'remove' }
  | { kind: 'rollback'; version: number }
  | { kind: 'deploy' };

/**
 * A stack: which host runs which version (drift highlighted), one host's services with their
 * containers and combined logs, start/stop/restart/remove, edit and redeploy with a preview,
 * deploy to more hosts, and the version history with rollback.
 */
export function StackItemView({
  name,
  canDeploy,
  canReadFile,
}: {
  name: string;
  canDeploy: boolean;
  canReadFile: boolean;
}) {
  const router = useRouter();
  const stack = useStack(name);
  const act = useStackMutation();
  const [hostSel, setHostSel] = useState('');
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [withVolumes, setWithVolumes] = useState(false);
  const [deployHosts, setDeployHosts] = useState<string[]>([]);
  const [operations, setOperations] = useState<StackOperationDto[]>([]);
  const [ctx, setCtx] = useState<ProgressContext | null>(null);
  const progress = useStackProgress(operations, ctx);
  const s = stack.data;
  const hostId = hostSel || s?.hosts[0]?.hostId || '';
  const host = s?.hosts.find((h) => h.hostId === hostId) ?? null;
  const hostName = useMemo(
    () => (id: string) => s?.hosts.find((h) => h.hostId === id)?.hostName ?? id,
    [s],
  );

  const started = (ops: StackOperationDto[], c?: ProgressContext) => {
    setCtx(c ?? { project: name, images: {}, healthchecks: new Set() });
    setOperations(ops);
    setEditing(false);
  };
  const withOps = (res: unknown) => {
    const ops = operationsOf(res);
    if (ops.length > 0) started(ops);
  };

  const onHostAction = (h: StackHostDto, a: HostAction) => {
    if (a === 'remove') {
      setWithVolumes(false);
      setConfirm({ kind: 'remove-host', host: h });
    } else act.mutate({ kind: 'act', name, hostId: h.hostId, action: a });
  };

  const runConfirm = async () => {
    const c = confirm;
    setConfirm(null);
    if (!c) return;
    // the next deploy's progress replaces the last one's
    if (c.kind === 'rollback' || c.kind === 'deploy') setOperations([]);
    if (c.kind === 'remove-host')
      act.mutate({ kind: 'remove-host', name, hostId: c.host.hostId, volumes: withVolumes });
    else if (c.kind === 'remove') {
      await act.mutateAsync({ kind: 'remove', name, volumes: withVolumes }).then(
        () => router.push('/stacks'),
        () => undefined,
      );
    } else if (c.kind === 'rollback')
      withOps(
        await act.mutateAsync({ kind: 'rollback', name, version: c.version }).catch(() => null),
      );
    else
      withOps(
        await act.mutateAsync({ kind: 'deploy', name, hostIds: deployHosts }).catch(() => null),
      );
  };

  if (stack.error) return <ErrorText error={stack.error} />;
  if (!s) return <p className="text-sm text-slate-500">Loading…</p>;
  return (
    <div className="space-y-6">
      <div>
        <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-500 dark:text-slate-400">
          <Link href="/stacks" className="hover:underline">
            Stacks
          </Link>
        </nav>
        <PageHeader
          title={`Stack ${s.name}`}
          actions={
            canDeploy ? (
              <>
                {s.managed && canReadFile ? (
                  <Button onClick={() => setEditing(!editing)}>Edit and redeploy</Button>
                ) : null}
                {s.managed ? (
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setDeployHosts([]);
                      setConfirm({ kind: 'deploy' });
                    }}
                  >
                    Deploy to hosts
                  </Button>
                ) : null}
                <Button
                  variant="danger"
                  onClick={() => {
                    setWithVolumes(false);
                    setConfirm({ kind: 'remove' });
                  }}
                >
                  Remove stack
                </Button>
              </>
            ) : null
          }
        />
        <p className="text-sm text-slate-500">
          {s.managed
            ? `Latest version v${s.latestVersion ?? '?'} · on ${s.hosts.length} host(s)`
            : 'Found running on hosts; not deployed from the dashboard (no versions).'}
        </p>
      </div>

      {editing && s.latestVersion ? (
        <StackEditorPanel
          name={name}
          latest={s.latestVersion}
          hostId={hostId}
          hostName={hostName}
          onStarted={started}
          onClose={() => setEditing(false)}
        />
      ) : null}
      <DeployProgressView progress={progress} hostName={hostName} />

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Hosts</h2>
        <StackMatrix
          stack={s}
          selected={hostId}
          onSelect={setHostSel}
          canDeploy={canDeploy}
          onAction={onHostAction}
        />
      </section>

      {host ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Services on {host.hostName}</h2>
          <StackServices host={host} />
        </section>
      ) : null}

      {host ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Logs on {host.hostName}</h2>
          <StackLogs name={name} hostId={host.hostId} />
        </section>
      ) : null}

      {s.managed ? (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">Versions</h2>
          <StackVersions
            stack={s}
            canReadFile={canReadFile}
            canDeploy={canDeploy}
            onRollback={(version) => setConfirm({ kind: 'rollback', version })}
          />
        </section>
      ) : null}

      <Dialog
        open={confirm !== null}
        onClose={() => setConfirm(null)}
        title={titleOf(confirm, s.name)}
      >
        {confirm?.kind === 'deploy' ? (
          <HostPicker
            label="Deploy the latest version to"
            selected={deployHosts}
            onChange={setDeployHosts}
          />
        ) : null}
        {confirm?.kind === 'rollback' ? (
          <p className="text-sm">
            Version {confirm.version}&apos;s file becomes the next version and is deployed to every
            host the stack is on.
          </p>
        ) : null}
        {confirm?.kind === 'remove' || confirm?.kind === 'remove-host' ? (
          <>
            <p className="text-sm">
              {confirm.kind === 'remove'
                ? `Stops and removes ${s.name}'s containers and networks on every host${s.managed ? ', then deletes its versions' : ''}.`
                : `Stops and removes ${s.name}'s containers and networks on ${confirm.host.hostName}.`}
            </p>
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={withVolumes}
                onChange={(e) => setWithVolumes(e.target.checked)}
              />
              Also remove its volumes (their data is lost)
            </label>
          </>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(null)}>
            Cancel
          </Button>
          <Button
            variant={
              confirm?.kind === 'remove' || confirm?.kind === 'remove-host' ? 'danger' : 'primary'
            }
            disabled={confirm?.kind === 'deploy' && deployHosts.length === 0}
            onClick={() => void runConfirm()}
          >
            Confirm
          </Button>
        </div>
      </Dialog>
    </div>
  );
}

function titleOf(c: Confirm | null, name: string): string {
  switch (c?.kind) {
    case 'remove':
      return `Remove stack ${name}`;
    case 'remove-host':
      return `Remove ${name} from ${c.host.hostName}`;
    case 'rollback':
      return `Roll back to version ${c.version}`;
    case 'deploy':
      return `Deploy ${name} to hosts`;
    default:
      return '';
  }
}
