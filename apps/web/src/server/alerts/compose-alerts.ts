import type { ContainerSummary } from '@berth/protocol';
import type { Db } from '../database/client.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { HostsRepo } from '../hosts/hosts-repo.js';
import type { AgentHub } from '../hub/agent-hub.js';
import type { LeaseKeeper } from '../cluster/leases.js';
import type { ClusterBus } from '../cluster/bus.js';
import type { FleetFeed } from '../fleet/fleet-feed.js';
import type { Logger } from '@berth/log';
import { z } from 'zod';
import { createAlertsRepo } from './alerts-repo.js';
import { createAlertsService } from './alerts-service.js';
import { createAlertRecorder } from './alert-recorder.js';
import { rowToActive, toEngineRule } from './alert-dto.js';
import { AlertEngine } from './engine.js';
import type { ContainerInfo, EngineRule, Transition } from './engine-types.js';
import { createMailer, type SmtpConfig } from './notify/send-email.js';

const TICK_MS = 1000;
const HOSTS_REFRESH_MS = 5000;
/** The lease of the one replica that records alerts and notifies (every replica evaluates). */
export const ALERTS_LEASE = 'alerts.evaluate';
/** Told to the other replicas when a rule changed here; they read the rules again. */
const RULES_CHANGED = 'alerts.rules-changed';

const toInfo = (c: ContainerSummary): ContainerInfo => ({
  id: c.id,
  name: c.name,
  labels: c.labels,
  state: c.state,
  health: c.health ?? null,
});

/**
 * The alerts feature's part of the composition root. Every replica runs the engine on the whole
 * fleet's live inputs (the fleet feed: container events, inventories, stats summaries) plus
 * which hosts are connected anywhere (checked every tick) — so any replica can take over with
 * the same state — but only the holder of the `alerts.evaluate` lease writes the history and
 * notifies; on taking the lease it reconciles the history with its engine.
 */
export function composeAlerts(deps: {
  db: Db;
  agentHub: AgentHub;
  feed: FleetFeed;
  leases: LeaseKeeper;
  bus?: ClusterBus;
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
    if (ts.length > 0 && deps.leases.holds(ALERTS_LEASE)) void recorder.record(ts);
  };

  async function loadRules(): Promise<EngineRule[]> {
    return (await repo.rules.list()).map(toEngineRule).filter((r): r is EngineRule => r !== null);
  }
  /**
   * The rules as the database has them now, given to the engine when they differ from what it
   * has: a rule made through another replica reaches this one's engine (told at once over the
   * bus, and read again every few seconds in case a message was missed).
   */
  let rulesSeen = '';
  async function reloadRules(force = false): Promise<Transition[]> {
    const rules = await loadRules();
    const seen = JSON.stringify(rules);
    if (!force && seen === rulesSeen) return [];
    rulesSeen = seen;
    return engine.setRules(rules, now());
  }

  /** Enrolled hosts (id → watched); revoked and removed ones are told to the engine as gone. */
  let watched = new Set<string>();
  async function refreshHosts(): Promise<Transition[]> {
    const rows = await deps.hosts.list();
    const next = new Set(
      rows.filter((h) => h.status !== 'revoked' && h.status !== 'pending').map((h) => h.id),
    );
    const out: Transition[] = [];
    for (const id of watched) if (!next.has(id)) out.push(...engine.hostGone(id, now()));
    watched = next;
    return out;
  }
  /** Which watched hosts have an agent connected to some replica right now. */
  function connectivity(): Transition[] {
    const out: Transition[] = [];
    for (const id of watched) {
      out.push(
        ...(deps.agentHub.isConnected(id) ? engine.hostUp(id, now()) : engine.hostDown(id, now())),
      );
    }
    return out;
  }

  // Start-up: alerts still firing (the engine can resolve them), the rules, the hosts.
  const ready = (async () => {
    engine.restore((await repo.alerts.firing()).map(rowToActive));
    record(await reloadRules(true));
    record(await refreshHosts());
  })().catch((err: unknown) => deps.log.error(`alerts: start-up failed: ${String(err)}`));

  // Every input goes through one queue, so the engine sees them in arrival order even when one
  // needs a database read first.
  let queue: Promise<unknown> = ready;
  const after = (work: () => Transition[] | Promise<Transition[]>) => {
    queue = queue
      .then(work)
      .then(record)
      .catch((err: unknown) => deps.log.error(`alerts: ${String(err)}`));
  };
  const offs = [
    deps.feed.on('container.event', (hostId, ev) =>
      after(() => engine.containerEvent(hostId, ev, now())),
    ),
    deps.feed.on('inventory.containers', (hostId, p) =>
      after(() => engine.inventory(hostId, p.containers.map(toInfo), now())),
    ),
    deps.feed.on('stats.summary', (hostId, s) => after(() => engine.summary(hostId, s, now()))),
    deps.agentHub.onLifecycle({
      connected: () => after(async () => [...(await refreshHosts()), ...connectivity()]),
      disconnected: () => after(async () => [...(await refreshHosts()), ...connectivity()]),
    }),
    deps.bus?.subscribe(RULES_CHANGED, z.object({}), () => after(() => reloadRules())) ??
      (() => undefined),
  ];
  const timers = [
    setInterval(() => after(() => [...connectivity(), ...engine.tick(now())]), TICK_MS),
    setInterval(
      () => after(async () => [...(await refreshHosts()), ...(await reloadRules())]),
      HOSTS_REFRESH_MS,
    ),
  ];
  for (const t of timers) t.unref();
  deps.leases.runOncePerFleet({
    name: ALERTS_LEASE,
    everyMs: 60_000,
    run: async () => {
      await queue;
      await recorder.reconcile(engine.active(), now());
    },
  });

  const service = createAlertsService({
    repo,
    audit: deps.audit,
    mailer,
    publicUrl: deps.publicUrl,
    rulesChanged: async () => {
      after(() => reloadRules(true));
      await queue;
      deps.bus?.publish(RULES_CHANGED, {});
    },
  });
  return {
    alerts: service,
    stopAlerts: () => {
      for (const t of timers) clearInterval(t);
      offs.forEach((off) => off());
      mailer?.close();
    },
  };
}
