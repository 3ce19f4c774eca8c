import type { ContainerSummary } from '@berth/protocol';
import type { Db } from '../db/client.js';
import type { AuditRepo } from '../db/audit.js';
import type { HostsRepo } from '../db/hosts.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { Logger } from '../log.js';
import { createAlertsRepo } from './alerts-repo.js';
import { createAlertsService } from './alerts-service.js';
import { createAlertRecorder } from './alert-recorder.js';
import { toEngineRule } from './alert-dto.js';
import { AlertEngine } from './engine.js';
import type { ActiveAlert, ContainerInfo, EngineRule, Transition } from './engine-types.js';
import { createMailer, type SmtpConfig } from './notify/send-email.js';
import { alertKinds, type AlertKind } from '../../lib/alert-api-schemas.js';

const TICK_MS = 1000;

const toInfo = (c: ContainerSummary): ContainerInfo => ({
  id: c.id,
  name: c.name,
  labels: c.labels,
  state: c.state,
  health: c.health ?? null,
});

/**
 * The alerts feature's part of the composition root: the engine fed by the agents' live streams
 * (container events, inventories, stats summaries, connects and disconnects) and a 1 s tick;
 * the recorder that writes history and notifies; the admin service.
 */
export function composeAlerts(deps: {
  db: Db;
  agentHub: AgentHub;
  hosts: HostsRepo;
  audit: AuditRepo;
  log: Logger;
  publicUrl: string;
  smtp: SmtpConfig | null;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const repo = createAlertsRepo(deps.db);
  const engine = new AlertEngine();
  const mailer = deps.smtp ? createMailer(deps.smtp) : null;
  const hostName = async (id: string) => (await deps.hosts.findById(id))?.name ?? id;
  const recorder = createAlertRecorder({
    repo,
    hostName,
    publicUrl: deps.publicUrl,
    log: deps.log,
    mailer,
  });
  const record = (ts: Transition[]) => {
    if (ts.length > 0) void recorder.record(ts);
  };

  async function loadRules(): Promise<EngineRule[]> {
    return (await repo.rules.list()).map(toEngineRule).filter((r): r is EngineRule => r !== null);
  }

  // Start-up: rules, alerts still firing, and every enrolled host offline until its agent dials in.
  const ready = (async () => {
    const firing = await repo.alerts.firing();
    recorder.restore(firing);
    engine.restore(
      firing.map((a): ActiveAlert => ({
        fingerprint: a.fingerprint,
        ruleId: a.ruleId,
        kind: (alertKinds as readonly string[]).includes(a.kind)
          ? (a.kind as AlertKind)
          : 'container_exited',
        hostId: a.hostId,
        containerId: a.containerId,
        containerName: a.containerName,
        stack: a.stack,
        startedAt: a.startedAt.getTime(),
        value: a.value,
      })),
    );
    record(engine.setRules(await loadRules(), now()));
    for (const h of await deps.hosts.list()) {
      if (h.status === 'revoked' || h.status === 'pending' || deps.agentHub.isConnected(h.id))
        continue;
      record(engine.hostDown(h.id, now()));
    }
  })().catch((err: unknown) => deps.log.error(`alerts: start-up failed: ${String(err)}`));

  // Every input goes through one queue, so the engine sees them in arrival order even when one
  // needs a database read first (a disconnect: was the host revoked?).
  let queue: Promise<unknown> = ready;
  const after = (work: () => Transition[] | Promise<Transition[]>) => {
    queue = queue
      .then(work)
      .then(record)
      .catch((err: unknown) => deps.log.error(`alerts: ${String(err)}`));
  };
  const offs = [
    deps.agentHub.on('container.event', (hostId, ev) =>
      after(() => engine.containerEvent(hostId, ev, now())),
    ),
    deps.agentHub.on('inventory.containers', (hostId, p) =>
      after(() => engine.inventory(hostId, p.containers.map(toInfo), now())),
    ),
    deps.agentHub.on('stats.summary', (hostId, s) => after(() => engine.summary(hostId, s, now()))),
    deps.agentHub.onLifecycle({
      connected: (hostId) => after(() => engine.hostUp(hostId, now())),
      // A revoked or removed host is gone on purpose: no "offline" alert; its alerts resolve.
      disconnected: (hostId) =>
        after(async () => {
          const host = await deps.hosts.findById(hostId);
          return !host || host.status === 'revoked'
            ? engine.hostGone(hostId, now())
            : engine.hostDown(hostId, now());
        }),
    }),
  ];
  const timer = setInterval(() => after(() => engine.tick(now())), TICK_MS);
  timer.unref();

  const service = createAlertsService({
    repo,
    audit: deps.audit,
    mailer,
    publicUrl: deps.publicUrl,
    rulesChanged: async () => {
      const rules = await loadRules();
      after(() => engine.setRules(rules, now()));
      await queue;
    },
  });
  return {
    alerts: service,
    stopAlerts: () => {
      clearInterval(timer);
      offs.forEach((off) => off());
      mailer?.close();
    },
  };
}
