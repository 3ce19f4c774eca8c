import type { ContainerState, HealthStatus } from '@berth/protocol';
import type { ContainerTransition } from '../../../lib/dto/container.js';

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

const transitionTone =
  'bg-amber-50 text-amber-800 ring-1 ring-amber-300 dark:bg-amber-950/40 dark:text-amber-200 dark:ring-amber-800';
const unknownTone =
  'bg-slate-100 text-slate-500 ring-1 ring-dashed ring-slate-300 dark:bg-slate-900 dark:text-slate-400 dark:ring-slate-700';

/**
 * The container's state as a word ("running", "exited", "paused", "created"), followed by its
 * health check status while one runs ("healthy", "unhealthy", "starting"). While an action is
 * under way it shows that instead ("stopping…"); when its host is not online, "unknown".
 */
export function StateBadge({
  state,
  transition = null,
  unknown = false,
  health,
  testId,
}: {
  state: ContainerState;
  transition?: ContainerTransition | null;
  unknown?: boolean;
  health?: HealthStatus | null;
  testId?: string;
}) {
  const label = unknown ? 'unknown' : transition ? `${transition}…` : state;
  const look = unknown ? unknownTone : transition ? transitionTone : tone[state];
  return (
    <span className="inline-flex items-center gap-1">
      <span
        data-testid={testId ?? 'container-state'}
        className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${look}`}
      >
        <span
          aria-hidden
          className={`h-1.5 w-1.5 rounded-full bg-current ${transition && !unknown ? 'animate-pulse' : ''}`}
        />
        {label}
      </span>
      {health && state === 'running' && !unknown && !transition ? (
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
