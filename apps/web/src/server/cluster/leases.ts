import type { Logger } from '@berth/log';
import type { LeasesRepo } from './leases-repo.js';

export interface LeaseOptions {
  /** How long a lease lasts without renewal: how long a dead holder's job stays orphaned. */
  ttlMs: number;
  /** How often the holder renews and the others try to take over. */
  renewMs: number;
}

export const defaultLeaseOptions: LeaseOptions = { ttlMs: 30_000, renewMs: 10_000 };

export interface FleetJob {
  /** Lease name, unique per job kind (e.g. `stats.retention`, `alerts.evaluate`). */
  name: string;
  /** How often the job runs while this replica holds the lease. */
  everyMs: number;
  run(): Promise<void>;
  /** Also run once as soon as the lease is taken (default true). */
  runOnAcquire?: boolean;
}

/**
 * Jobs that must run once per fleet (PostgreSQL or SQLite alike): each replica keeps trying to
 * take each job's lease; the holder renews it every `renewMs` and runs the job every `everyMs`.
 * When the holder dies its lease expires after `ttlMs` and another replica's next attempt takes
 * the job over. A holder that cannot renew (database unreachable) stops running the job before
 * its lease can expire, so two replicas never run it at once while clocks agree to within
 * `ttlMs − renewMs`.
 *
 * Use: `leases.runOncePerFleet({ name: 'alerts.evaluate', everyMs: 15_000, run })`.
 */
export function createLeaseKeeper(deps: {
  repo: LeasesRepo;
  holder: string;
  log: Logger;
  options?: Partial<LeaseOptions>;
  now?: () => number;
}) {
  const opts = { ...defaultLeaseOptions, ...deps.options };
  const now = deps.now ?? Date.now;
  const held = new Map<string, number>(); // name → until (ms, our own view)
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  async function renew(name: string): Promise<boolean> {
    const t = now();
    let ok = false;
    try {
      ok = await deps.repo.acquire(name, deps.holder, new Date(t), new Date(t + opts.ttlMs));
    } catch (err) {
      deps.log.warn(`lease ${name}: ${String(err)}`);
    }
    const was = held.has(name);
    if (ok && !closed) held.set(name, t + opts.ttlMs - opts.renewMs);
    else held.delete(name);
    if (ok && !was) deps.log.info(`lease ${name}: held by this replica (${deps.holder})`);
    if (!ok && was) deps.log.warn(`lease ${name}: lost`);
    return ok && !was;
  }

  const every = (ms: number, fn: () => void) => {
    const timer = setInterval(fn, ms);
    timer.unref();
    timers.add(timer);
  };

  return {
    holder: deps.holder,
    /** Whether this replica holds `name` now (renewed recently enough to be sure). */
    holds: (name: string) => (held.get(name) ?? 0) > now(),
    /** Runs `job` on one replica of the fleet at a time. */
    runOncePerFleet(job: FleetJob) {
      let running = false;
      const run = () => {
        if (running || closed || !((held.get(job.name) ?? 0) > now())) return;
        running = true;
        job
          .run()
          .catch((err: unknown) => deps.log.error(`${job.name}: ${String(err)}`))
          .finally(() => (running = false));
      };
      const tryTake = () =>
        void renew(job.name).then((acquired) => {
          if (acquired && job.runOnAcquire !== false) run();
        });
      tryTake();
      every(opts.renewMs, tryTake);
      every(job.everyMs, run);
    },
    /** Stops every job and gives up the leases held (another replica takes them at once). */
    async close() {
      closed = true;
      for (const t of timers) clearInterval(t);
      timers.clear();
      const names = [...held.keys()];
      held.clear();
      await Promise.allSettled(names.map((n) => deps.repo.release(n, deps.holder)));
    },
  };
}
export type LeaseKeeper = ReturnType<typeof createLeaseKeeper>;
