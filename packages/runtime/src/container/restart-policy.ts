import { invalidArgument } from '../errors.js';

export type RestartPolicyName = 'no' | 'always' | 'on-failure' | 'unless-stopped';
export interface RestartPolicy {
  name: RestartPolicyName;
  /** on-failure only; 0 = unlimited. */
  maximumRetryCount: number;
}

/** Pure: `no | always | unless-stopped | on-failure[:N]`. */
export function parseRestartPolicy(spec: string | undefined): RestartPolicy {
  if (spec === undefined || spec === '' || spec === 'no')
    return { name: 'no', maximumRetryCount: 0 };
  const [name, count, extra] = spec.split(':');
  if (name === 'on-failure' && extra === undefined) {
    if (count !== undefined && !/^\d+$/.test(count))
      throw invalidArgument(`invalid restart count in "${spec}"`);
    return { name, maximumRetryCount: count === undefined ? 0 : Number(count) };
  }
  if ((name === 'always' || name === 'unless-stopped') && count === undefined)
    return { name, maximumRetryCount: 0 };
  throw invalidArgument(
    `invalid restart policy "${spec}": want no, always, unless-stopped or on-failure[:N]`,
  );
}

export interface ExitFacts {
  exitCode: number;
  manuallyStopped: boolean;
  restartCount: number;
  /** True during agent start-up reconciliation. */
  onAgentStart?: boolean;
}

/** Pure: Docker's decision whether an exited container is started again. */
export function shouldRestart(p: RestartPolicy, f: ExitFacts): boolean {
  switch (p.name) {
    case 'no':
      return false;
    case 'always':
      return !f.manuallyStopped || f.onAgentStart === true;
    case 'unless-stopped':
      return !f.manuallyStopped;
    case 'on-failure':
      return (
        !f.manuallyStopped &&
        f.exitCode !== 0 &&
        (p.maximumRetryCount === 0 || f.restartCount < p.maximumRetryCount)
      );
  }
}

/** Pure: back-off before restart N (100 ms doubling, max 1 min); a run of ≥ 10 s resets it. */
export function restartDelayMs(restartCount: number, ranForMs: number): number {
  if (ranForMs >= 10_000) return 100;
  return Math.min(100 * 2 ** Math.min(restartCount, 20), 60_000);
}
