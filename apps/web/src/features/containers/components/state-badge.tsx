import type { ContainerState, HealthStatus } from '@berth/protocol';

const tone: Record<ContainerState, string> = {
  running: 'bg-green-100 text-green-800 dark:bg-green-900/40 dark:text-green-300',
  paused: 'bg-amber-100 text-amber-800 dark:bg-amber-900/40 dark:text-amber-300',
  created: 'bg-sky-100 text-sky-800 dark:bg-sky-900/40 dark:text-sky-300',
  exited: 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300',
  removing: 'bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-300',
};

const healthTone: Record<HealthStatus, string> = {
  healthy: 'bg-green-100 text-green-800 dark:bg-green-900/40 dark:text-green-300',
  starting: 'bg-sky-100 text-sky-800 dark:bg-sky-900/40 dark:text-sky-300',
  unhealthy: 'bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-300',
};

/**
 * The container's state as a word ("running", "exited", "paused", "created"), followed by its
 * health check status while one runs ("healthy", "unhealthy", "starting").
 */
export function StateBadge({
  state,
  health,
  testId,
}: {
  state: ContainerState;
  health?: HealthStatus | null;
  testId?: string;
}) {
  return (
    <span className="inline-flex items-center gap-1">
      <span
        data-testid={testId ?? 'container-state'}
        className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${tone[state]}`}
      >
        <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current" />
        {state}
      </span>
      {health && state === 'running' ? (
        <span
          data-testid="container-health"
          className={`rounded-full px-2 py-0.5 text-xs font-medium ${healthTone[health]}`}
        >
          {health}
        </span>
      ) : null}
    </span>
  );
}
