'use client';

import Link from 'next/link';
import { tableClass, tdClass, thClass } from '../../../components/ui/ui.js';
import type { StackHostDto } from '../../../lib/dto/stack.js';
import { formatPorts } from '../../containers/container-view-model.js';
import { StateBadge } from '../../containers/components/state-badge.js';

/** One host's services with their containers: state, health, ports, image. */
export function StackServices({ host }: { host: StackHostDto }) {
  return (
    <table className={tableClass} aria-label={`Services on ${host.hostName}`}>
      <thead>
        <tr>
          <th className={thClass}>Service</th>
          <th className={thClass}>Container</th>
          <th className={thClass}>State</th>
          <th className={thClass}>Ports</th>
          <th className={thClass}>Image</th>
        </tr>
      </thead>
      <tbody>
        {host.services.flatMap((s) =>
          s.containers.length === 0
            ? [
                <tr key={s.name} data-testid="stack-service-row" data-service={s.name}>
                  <td className={`${tdClass} font-medium`}>{s.name}</td>
                  <td className={`${tdClass} text-slate-500`} colSpan={4}>
                    no container
                  </td>
                </tr>,
              ]
            : s.containers.map((c) => (
                <tr
                  key={c.id}
                  data-testid="stack-service-row"
                  data-service={s.name}
                  data-engine-id={c.engineId}
                >
                  <td className={`${tdClass} font-medium`}>{s.name}</td>
                  <td className={tdClass}>
                    <Link
                      href={`/containers/${encodeURIComponent(c.hostId)}/${c.engineId}`}
                      className="text-sky-700 hover:underline dark:text-sky-400"
                    >
                      {c.name}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <StateBadge state={c.state} health={c.health} testId="stack-container-state" />
                  </td>
                  <td
                    className={`${tdClass} font-mono text-xs`}
                    data-testid="stack-container-ports"
                  >
                    {formatPorts(c.ports) || '–'}
                  </td>
                  <td className={`${tdClass} font-mono text-xs`}>{c.image}</td>
                </tr>
              )),
        )}
      </tbody>
    </table>
  );
}
