import type { AgentUpgradeOutcome } from '@berth/protocol';
import type { Logger } from '@berth/log';
import type { InstallLayout } from './layout.js';
import {
  decide,
  finish,
  readDecision,
  readPending,
  type Decision,
  type PendingUpgrade,
} from './state.js';

/**
 * The agent's side of an upgrade after a restart. The new release, on probation until it is
 * connected: `confirm()` once the web welcomed it as compatible (unless the guard decided first).
 * Whichever release runs once the outcome is decided reports it to the web, and the state is
 * filed away when the web acknowledged it.
 */
export class UpgradeTrial {
  #reported = false;

  private constructor(
    private readonly l: InstallLayout,
    private readonly log: Logger,
    private pending: PendingUpgrade | null,
  ) {}

  static async open(l: InstallLayout | null, log: Logger): Promise<UpgradeTrial | null> {
    if (!l) return null;
    const pending = await readPending(l);
    if (!pending) return null;
    if (pending.toRelease === l.release)
      log.info(`upgrade: on probation as ${l.release} until connected`);
    else if (pending.fromRelease === l.release && Date.now() > Date.parse(pending.deadline)) {
      // the guard is gone (a reboot during the upgrade?) and this release runs: it did not take
      await decide(l, pending.id, {
        outcome: 'rolled-back',
        reason: 'the upgrade was interrupted before it was confirmed',
      });
    }
    return new UpgradeTrial(l, log, pending);
  }

  /** The web welcomed this agent: as compatible (`ok`) or not. */
  async onWelcome(compatible: boolean, reason: string | null): Promise<void> {
    const p = this.pending;
    if (!p) return;
    if (p.toRelease === this.l.release && !(await readDecision(this.l, p.id))) {
      if (!compatible) {
        this.log.error(
          `upgrade: the web calls ${p.toVersion} incompatible (${reason ?? '?'}); leaving it to roll back`,
        );
        return;
      }
      const d = await decide(this.l, p.id, { outcome: 'confirmed' });
      this.log.info(
        `upgrade: ${d.outcome === 'confirmed' ? 'confirmed' : `too late: ${d.reason}`}`,
      );
    }
  }

  /** The outcome to report now, if this release is the one that should (decided, not yet reported). */
  async outcome(): Promise<{ outcome: AgentUpgradeOutcome; decision: Decision } | null> {
    const p = this.pending;
    if (!p || this.#reported) return null;
    const d = await readDecision(this.l, p.id);
    if (!d) return null;
    const mine = d.outcome === 'confirmed' ? p.toRelease : p.fromRelease;
    if (mine !== this.l.release) return null;
    return {
      decision: d,
      outcome: {
        ok: d.outcome === 'confirmed',
        fromVersion: p.fromVersion,
        toVersion: p.toVersion,
        reason: d.outcome === 'confirmed' ? null : d.reason,
      },
    };
  }

  /** After the web acknowledged the report. */
  async reported(decision: Decision): Promise<void> {
    if (!this.pending) return;
    await finish(this.l, this.pending, decision);
    this.#reported = true;
    this.pending = null;
  }
}
