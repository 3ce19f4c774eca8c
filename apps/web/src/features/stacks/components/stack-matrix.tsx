'use client';

import { Button, tableClass, tdClass, thClass } from '../../../components/ui/ui.js';
import type { StackDetailDto, StackHostDto } from '../../../lib/dto/stack.js';

export type HostAction = 'start' | 'stop' | 'restart' | 'remove';

/**
 * Which host runs which version of the stack: its status, what runs, health, and drift (what runs
 * differs from what was deployed, or an older version) highlighted.
 */
export function StackMatrix({
  stack,
  selected,
  onSelect,
  canDeploy,
  onAction,
}: {
  stack: StackDetailDto;
  selected: string;
  onSelect: (hostId: string) => void;
  canDeploy: boolean;
  onAction: (host: StackHostDto, action: HostAction) => void;
}) {
  return (
    <table className={tableClass} data-testid="stack-matrix">
      <thead>
        <tr>
          <th className={thClass}>Host</th>
          <th className={thClass}>Version</th>
          <th className={thClass}>Deploy</th>
          <th className={thClass}>Running</th>
          <th className={thClass}>Health</th>
          <th className={thClass}>Drift</th>
          {canDeploy ? <th className={thClass}>Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {stack.hosts.map((h) => {
          const drifted = h.drift.length > 0 || h.outdated;
          const v = h.deployment?.versionNumber ? h.deployment.versionNumber : null;
          return (
            <tr
              key={h.hostId}
              data-testid="stack-matrix-row"
              data-host={h.hostName}
              data-drift={drifted ? 'true' : 'false'}
              aria-selected={selected === h.hostId}
              className={`${drifted ? 'bg-amber-50 dark:bg-amber-950/30' : ''} ${
                selected === h.hostId ? 'outline outline-2 outline-sky-500/50' : ''
              }`}
            >
              <td className={tdClass}>
                <button
                  type="button"
                  className="font-medium text-sky-700 hover:underline dark:text-sky-400"
                  onClick={() => onSelect(h.hostId)}
                >
                  {h.hostName}
                </button>
                {h.online ? null : <span className="ml-1 text-xs text-slate-500">offline</span>}
              </td>
              <td className={tdClass} data-testid="stack-host-version">
                {v ? `v${v}` : '–'}
                {h.outdated ? (
                  <span className="ml-1 text-xs text-amber-700 dark:text-amber-400">
                    (latest v{stack.latestVersion})
                  </span>
                ) : null}
              </td>
              <td className={tdClass} data-testid="stack-host-status">
                {h.deployment?.status ?? (stack.managed ? 'not deployed' : 'outside the dashboard')}
                {h.deployment?.error ? (
                  <span className="block text-xs text-red-600 dark:text-red-400">
                    {h.deployment.error}
                  </span>
                ) : null}
              </td>
              <td className={tdClass}>
                {h.running}/{h.total}
              </td>
              <td className={tdClass} data-testid="stack-host-health">
                {h.health ?? '–'}
              </td>
              <td className={`${tdClass} text-xs`} data-testid="stack-host-drift">
                {drifted ? (
                  <ul className="text-amber-800 dark:text-amber-300">
                    {h.outdated ? <li>older than the latest version</li> : null}
                    {h.drift.map((d) => (
                      <li key={d}>{d}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-slate-500">none</span>
                )}
              </td>
              {canDeploy ? (
                <td className={`${tdClass} space-x-1 whitespace-nowrap`}>
                  {(['start', 'stop', 'restart'] as const).map((a) => (
                    <Button
                      key={a}
                      variant="secondary"
                      disabled={!h.online}
                      onClick={() => onAction(h, a)}
                      aria-label={`${a} on ${h.hostName}`}
                    >
                      {a[0]!.toUpperCase() + a.slice(1)}
                    </Button>
                  ))}
                  <Button
                    variant="danger"
                    disabled={!h.online}
                    onClick={() => onAction(h, 'remove')}
                    aria-label={`remove from ${h.hostName}`}
                  >
                    Remove
                  </Button>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
