import type { Health, HealthStatus } from '@berth/protocol';
import type { HealthConfig } from './config.js';
import {
  applyProbe,
  initialHealth,
  inStartPeriod,
  nextProbeDelayMs,
  type ProbeResult,
} from './state.js';
import { isoTime } from '@berth/log';

/**
 * Runs one probe: the command inside the container, killed when `signal` aborts. Returns null
 * when the probe cannot count (the container is paused).
 */
export type ProbeRunner = (
  id: string,
  command: string[],
  signal: AbortSignal,
) => Promise<{ exitCode: number; output: string } | null>;

interface Watch {
  cfg: HealthConfig;
  health: Health;
  startedAtMs: number;
  timer: NodeJS.Timeout | null;
  /** Aborts the probe in flight (disarm, timeout). */
  inflight: AbortController | null;
}

export interface HealthMonitorDeps {
  runProbe: ProbeRunner;
  /** Called when a container's status changes (Docker's `health_status` event). */
  onStatus: (id: string, status: HealthStatus) => void;
  onError?: (id: string, err: unknown) => void;
  now?: () => number;
}

/**
 * The agent's health checks: one timer per running container with a check, probes run as
 * execs inside the container (no PTY), one at a time, the next `interval` after the previous
 * ended, as Docker does. `disarm` (stop, exit, remove, agent shutdown) clears the timer and kills
 * a probe in flight. State lives here, in memory; after an agent restart `arm` starts again from
 * `starting` with the container's original start time (so the start period is not re-granted).
 */
export class HealthMonitor {
  readonly #watches = new Map<string, Watch>();
  readonly #now: () => number;

  constructor(private readonly deps: HealthMonitorDeps) {
    this.#now = deps.now ?? Date.now;
  }

  arm(id: string, cfg: HealthConfig, startedAtMs: number): void {
    this.disarm(id);
    const w: Watch = { cfg, health: initialHealth(), startedAtMs, timer: null, inflight: null };
    this.#watches.set(id, w);
    this.#schedule(id, w);
  }

  disarm(id: string): void {
    const w = this.#watches.get(id);
    if (!w) return;
    this.#watches.delete(id);
    if (w.timer) clearTimeout(w.timer);
    w.inflight?.abort();
  }

  /** Docker's `State.Health`, or null when the container has no running check. */
  health(id: string): Health | null {
    const h = this.#watches.get(id)?.health;
    return h ? { ...h, log: h.log.map((e) => ({ ...e })) } : null;
  }

  status(id: string): HealthStatus | null {
    return this.#watches.get(id)?.health.status ?? null;
  }

  armed(): string[] {
    return [...this.#watches.keys()];
  }

  closeAll(): void {
    for (const id of [...this.#watches.keys()]) this.disarm(id);
  }

  #sinceStartNs(w: Watch): number {
    return (this.#now() - w.startedAtMs) * 1e6;
  }

  #schedule(id: string, w: Watch): void {
    const delay = nextProbeDelayMs(w.cfg, w.health, this.#sinceStartNs(w));
    w.timer = setTimeout(() => void this.#probe(id, w), delay);
  }

  async #probe(id: string, w: Watch): Promise<void> {
    w.timer = null;
    const ac = new AbortController();
    w.inflight = ac;
    let timedOut = false;
    const timeout = setTimeout(
      () => {
        timedOut = true;
        ac.abort();
      },
      Math.max(1, Math.round(w.cfg.timeout / 1e6)),
    );
    const start = isoTime(this.#now());
    let outcome: { exitCode: number; output: string } | null;
    try {
      outcome = await this.deps.runProbe(id, w.cfg.command, ac.signal);
    } catch (err) {
      outcome = { exitCode: -1, output: err instanceof Error ? err.message : String(err) };
    } finally {
      clearTimeout(timeout);
      w.inflight = null;
    }
    if (this.#watches.get(id) !== w) return; // disarmed meanwhile: the result does not count
    if (timedOut)
      outcome = { exitCode: -1, output: `Health check exceeded timeout (${w.cfg.timeout / 1e9}s)` };
    if (outcome) this.#record(id, w, { start, end: isoTime(this.#now()), ...outcome });
    this.#schedule(id, w);
  }

  #record(id: string, w: Watch, result: ProbeResult): void {
    const before = w.health.status;
    w.health = applyProbe(w.health, result, {
      retries: w.cfg.retries,
      inStartPeriod: inStartPeriod(w.cfg, this.#sinceStartNs(w)),
    });
    if (w.health.status !== before) {
      try {
        this.deps.onStatus(id, w.health.status);
      } catch (err) {
        this.deps.onError?.(id, err);
      }
    }
  }
}
