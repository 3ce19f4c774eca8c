import type { Logger } from '@berth/log';
import { randomId } from '../auth/secrets.js';
import type { AlertsRepo } from './alerts-repo.js';
import type { ActiveAlert, Transition } from './engine-types.js';
import { describeAlert } from './describe.js';
import { deliver, type DispatchDeps } from './notify/dispatch.js';
import type { AlertNotice } from './notify/notice.js';
import { silenceMatches } from './silences.js';
import { SilenceMatchersSchema } from '../../lib/alert-api-schemas.js';
import { rowToActive } from './alert-dto.js';

export interface RecorderDeps extends DispatchDeps {
  repo: AlertsRepo;
  hostName: (hostId: string) => Promise<string>;
  publicUrl: string;
  log: Logger;
  /** Told after each firing/resolved row is written (e.g. to push to browsers). */
  onChange?: (alertId: string) => void;
}

/**
 * Turns the engine's transitions into history rows and notifications: a firing alert gets a row
 * and is sent to its rule's channels unless a silence matches; its resolution updates the row
 * and is sent to the same channels (not when the firing was silenced). The transitions of one
 * alert are handled in order, so a "resolved" never overtakes its "firing"; different alerts
 * do not wait for each other.
 */
export function createAlertRecorder(deps: RecorderDeps) {
  const rowIds = new Map<string, { id: string; silenced: boolean }>();
  const queues = new Map<string, Promise<void>>();

  function enqueue(fp: string, work: () => Promise<void>): Promise<void> {
    const next = (queues.get(fp) ?? Promise.resolve())
      .then(work)
      .catch((err: unknown) => deps.log.error(`alert ${fp}: ${String(err)}`));
    queues.set(fp, next);
    void next.then(() => {
      if (queues.get(fp) === next) queues.delete(fp);
    });
    return next;
  }

  async function silenced(a: ActiveAlert, at: Date): Promise<boolean> {
    const silences = await deps.repo.silences.active(at);
    return silences.some((s) => {
      const m = SilenceMatchersSchema.safeParse(JSON.parse(s.matchers));
      return m.success && silenceMatches(m.data, a);
    });
  }

  async function notify(alertId: string, ruleId: string, notice: AlertNotice, quiet: boolean) {
    const rule = await deps.repo.rules.find(ruleId);
    const ids = rule ? (JSON.parse(rule.channelIds) as string[]) : [];
    // Channels in parallel: a slow or dead webhook does not hold the e-mail up.
    await Promise.all(
      ids.map(async (channelId) => {
        const channel = await deps.repo.channels.find(channelId);
        if (!channel) return;
        const error = quiet ? null : await deliver(channel, notice, deps);
        if (error) deps.log.warn(`alert ${alertId}: ${channel.name}: ${error}`);
        await deps.repo.notifications.create({
          id: randomId(),
          alertId,
          channelId,
          channelName: channel.name,
          event: notice.status,
          outcome: quiet ? 'silenced' : error ? 'failed' : 'sent',
          error,
        });
      }),
    );
  }

  async function handle(t: Transition) {
    const a = t.alert;
    const at = new Date(t.at);
    const rule = await deps.repo.rules.find(a.ruleId);
    const hostName = await deps.hostName(a.hostId);
    const summary = describeAlert({
      kind: a.kind,
      hostName,
      containerName: a.containerName,
      value: a.value,
      params: rule ? (JSON.parse(rule.params) as Record<string, unknown>) : {},
    });
    let row = rowIds.get(a.fingerprint);
    if (t.state === 'firing') {
      const quiet = await silenced(a, at);
      const created = await deps.repo.alerts.create({
        id: randomId(),
        fingerprint: a.fingerprint,
        ruleId: a.ruleId,
        ruleName: rule?.name ?? a.ruleId,
        kind: a.kind,
        hostId: a.hostId,
        hostName,
        containerId: a.containerId,
        containerName: a.containerName,
        stack: a.stack,
        summary,
        value: a.value,
        startedAt: new Date(a.startedAt),
        silenced: quiet,
      });
      row = { id: created.id, silenced: quiet };
      rowIds.set(a.fingerprint, row);
    } else {
      if (!row) {
        const firing = (await deps.repo.alerts.firing()).find(
          (r) => r.fingerprint === a.fingerprint,
        );
        if (!firing) return;
        row = { id: firing.id, silenced: firing.silenced };
      }
      rowIds.delete(a.fingerprint);
      await deps.repo.alerts.resolve(row.id, at);
    }
    deps.onChange?.(row.id);
    const notice: AlertNotice = {
      status: t.state,
      alert: {
        id: row.id,
        summary,
        rule: { id: a.ruleId, name: rule?.name ?? a.ruleId, kind: a.kind },
        host: { id: a.hostId, name: hostName },
        container: a.containerId
          ? { id: a.containerId, name: a.containerName ?? a.containerId, stack: a.stack }
          : null,
        value: a.value,
        startedAt: new Date(a.startedAt).toISOString(),
        resolvedAt: t.state === 'resolved' ? at.toISOString() : null,
        url: `${deps.publicUrl}/alerts?alert=${encodeURIComponent(row.id)}`,
      },
    };
    await notify(row.id, a.ruleId, notice, row.silenced);
  }

  return {
    /** Queues transitions (per alert, in order); resolves when these are recorded and sent. */
    record(transitions: readonly Transition[]): Promise<void> {
      return Promise.all(
        transitions.map((t) => enqueue(t.alert.fingerprint, () => handle(t))),
      ).then(() => undefined);
    },
    /**
     * Makes the history agree with what the engine says is firing (when this replica takes the
     * alerts over, and now and then): a row firing that the engine no longer holds resolves, an
     * alert the engine holds without a firing row is recorded — both notified. Each check runs
     * in its alert's queue, after what is already queued for it.
     */
    async reconcile(active: readonly ActiveAlert[], at: number): Promise<void> {
      const byFp = new Map(active.map((a) => [a.fingerprint, a]));
      const fps = new Set([
        ...byFp.keys(),
        ...(await deps.repo.alerts.firing()).map((r) => r.fingerprint),
      ]);
      await Promise.all(
        [...fps].map((fp) =>
          enqueue(fp, async () => {
            const row = await deps.repo.alerts.firingFor(fp);
            const alert = byFp.get(fp);
            if (row && !alert) {
              rowIds.set(fp, { id: row.id, silenced: row.silenced });
              await handle({ state: 'resolved', alert: rowToActive(row), at });
            } else if (alert && !row) {
              await handle({ state: 'firing', alert, at });
            }
          }),
        ),
      );
    },
    /** The row ids of alerts still firing (restored at start from the database). */
    restore(rows: { id: string; fingerprint: string; silenced: boolean }[]) {
      for (const r of rows) rowIds.set(r.fingerprint, { id: r.id, silenced: r.silenced });
    },
  };
}
export type AlertRecorder = ReturnType<typeof createAlertRecorder>;
