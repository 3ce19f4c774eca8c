'use client';

import { tableClass, tdClass, thClass } from '../../../components/ui/ui.js';
import { phases, type DeployProgress, type PhaseState } from '../deploy-progress.js';

const mark: Record<PhaseState, { text: string; tone: string }> = {
  waiting: { text: '·', tone: 'text-slate-400' },
  active: { text: '…', tone: 'text-sky-600 dark:text-sky-400' },
  done: { text: '✓', tone: 'text-green-600 dark:text-green-400' },
  skipped: { text: '–', tone: 'text-slate-400' },
  failed: { text: '✗', tone: 'text-red-600 dark:text-red-400' },
};

/** Per host, per service: pull, create, start, healthy — as the agent reports them. */
export function DeployProgressView({
  progress,
  hostName,
}: {
  progress: Record<string, DeployProgress>;
  hostName: (hostId: string) => string;
}) {
  const hosts = Object.entries(progress);
  if (hosts.length === 0) return null;
  return (
    <div className="space-y-4">
      {hosts.map(([hostId, p]) => (
        <section
          key={hostId}
          data-testid="deploy-progress"
          data-host={hostName(hostId)}
          data-state={p.state}
          aria-label={`Deploy on ${hostName(hostId)}`}
          className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
        >
          <p className="mb-2 text-sm font-medium" role="status">
            {hostName(hostId)}:{' '}
            {p.state === 'running' ? 'deploying…' : p.state === 'done' ? 'deployed' : 'failed'}
          </p>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>Service</th>
                {phases.map((ph) => (
                  <th key={ph} className={thClass}>
                    {ph}
                  </th>
                ))}
                <th className={thClass}>Last step</th>
              </tr>
            </thead>
            <tbody>
              {p.services.map((s) => (
                <tr key={s.service} data-testid="service-progress" data-service={s.service}>
                  <td className={`${tdClass} font-medium`}>{s.service}</td>
                  {phases.map((ph) => (
                    <td
                      key={ph}
                      data-phase={ph}
                      data-state={s.phases[ph]}
                      className={`${tdClass} ${mark[s.phases[ph]].tone}`}
                      title={s.phases[ph]}
                    >
                      {mark[s.phases[ph]].text}
                    </td>
                  ))}
                  <td className={`${tdClass} text-xs text-slate-500`}>{s.last}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.other.length > 0 ? (
            <ul className="mt-2 text-xs text-slate-500">
              {p.other.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          ) : null}
          {p.error ? (
            <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
              {p.error}
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}
