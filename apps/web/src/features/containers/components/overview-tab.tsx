import type { ContainerInspect } from '@berth/protocol';
import type { ContainerDto } from '../../../lib/dto/container.js';
import { formatBytes } from '../../stats/format.js';
import { formatPorts } from '../container-view-model.js';
import { joinCommand } from '../create-form.js';
import { EnvList } from './env-list.js';
import { describeElevatedToken } from '../elevated-view.js';

function dateText(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '–';
}

/** Facts of a container: from the mirror, plus network and mounts when inspect has answered. */
export function OverviewTab({
  c,
  inspect,
  envRedacted,
}: {
  c: ContainerDto;
  inspect: ContainerInspect | undefined;
  envRedacted: boolean;
}) {
  const facts: [string, string][] = [
    ['Image', c.image],
    ['Image ID', c.imageId ?? '–'],
    ['Command', joinCommand(c.command) || '–'],
    ['Created', dateText(c.createdAt)],
    ['Started', dateText(c.startedAt)],
    ['Finished', dateText(c.finishedAt)],
    ['Exit code', c.exitCode === null ? '–' : `${c.exitCode}${c.oomKilled ? ' (OOM killed)' : ''}`],
    ['Ports', formatPorts(c.ports) || '–'],
    ['Restart policy', c.restartPolicy],
    ['Memory limit', c.limits.memory === null ? 'unlimited' : formatBytes(c.limits.memory)],
    ['CPUs', c.limits.cpus === null ? 'unlimited' : String(c.limits.cpus)],
    ['PIDs limit', c.limits.pidsLimit === null ? 'unlimited' : String(c.limits.pidsLimit)],
    ['Elevated options', c.elevated.map(describeElevatedToken).join(', ') || 'none'],
    ['Network', inspect ? `${inspect.network}${inspect.ip ? ` (${inspect.ip})` : ''}` : '…'],
    [
      'Mounts',
      inspect
        ? inspect.mounts
            .map((m) => `${m.source}:${m.destination}${m.readOnly ? ':ro' : ''}`)
            .join(', ') || '–'
        : '…',
    ],
  ];
  const labels = Object.entries(c.labels);
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-1 gap-x-8 gap-y-1 md:grid-cols-2">
        {facts.map(([k, v]) => (
          <div
            key={k}
            className="flex justify-between gap-4 border-b border-slate-100 py-1 text-sm dark:border-slate-800"
          >
            <dt className="shrink-0 text-slate-500 dark:text-slate-400">{k}</dt>
            <dd className="min-w-0 text-right font-mono [overflow-wrap:anywhere]" title={v}>
              {v}
            </dd>
          </div>
        ))}
      </dl>
      <EnvList env={inspect?.config.env} redacted={envRedacted} />
      <div>
        <h3 className="mb-1 text-sm font-medium">Labels</h3>
        {labels.length === 0 ? (
          <p className="text-sm text-slate-500">No labels.</p>
        ) : (
          <ul className="font-mono text-xs">
            {labels.map(([k, v]) => (
              <li key={k}>
                {k}={v}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
