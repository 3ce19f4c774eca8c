import type { ContainerEvent, StatsSummaryEvent } from '@berth/protocol';
import { stackOf } from '../fleet/stack-label.js';
import { containerInScope, hostInScope } from './scope.js';
import {
  fingerprintOf,
  type ActiveAlert,
  type AlertTarget,
  type ContainerInfo,
  type EngineRule,
  type Transition,
} from './engine-types.js';

type RuleOf<K extends EngineRule['kind']> = Extract<EngineRule, { kind: K }>;
type DurationRule = RuleOf<'unhealthy' | 'cpu_high' | 'memory_high' | 'disk_high'>;

const SEC = 1000;

/**
 * The alert rules' state machine, pure: fed what the live streams say (container events,
 * inventories, stats summaries, agents connecting and going away) and the clock, it answers the
 * alerts that start firing or resolve. No I/O, no timers: the caller ticks it.
 */
export class AlertEngine {
  #rules: EngineRule[] = [];
  readonly #active = new Map<string, ActiveAlert>();
  /** Duration rules: since when the condition holds (and its latest value), per fingerprint. */
  readonly #since = new Map<string, { since: number; value: number | null; target: AlertTarget }>();
  /** Last OOM kill / unexpected exit per fingerprint (oom_killed, restart_loop resolve after quiet). */
  readonly #lastEvent = new Map<string, number>();
  /** Unexpected exits per restart_loop fingerprint, within the rule's window. */
  readonly #exits = new Map<string, number[]>();
  readonly #hostDown = new Map<string, number>();
  readonly #containers = new Map<string, Map<string, ContainerInfo>>();

  active(): ActiveAlert[] {
    return [...this.#active.values()];
  }

  /** Alerts still firing when the web last stopped (from the database): they can resolve now. */
  restore(alerts: readonly ActiveAlert[]): void {
    for (const a of alerts) {
      this.#active.set(a.fingerprint, a);
      if (a.kind === 'oom_killed' || a.kind === 'restart_loop')
        this.#lastEvent.set(a.fingerprint, a.startedAt);
    }
  }

  /** Replaces the rules. Alerts of removed rules, or now out of their rule's scope, resolve. */
  setRules(rules: readonly EngineRule[], now: number): Transition[] {
    this.#rules = [...rules];
    const byId = new Map(rules.map((r) => [r.id, r]));
    const out: Transition[] = [];
    for (const a of this.active()) {
      const rule = byId.get(a.ruleId);
      if (!rule || rule.kind !== a.kind || !this.#inScope(rule, a))
        this.#resolve(a.fingerprint, now, out);
    }
    const alive = (fp: string) => byId.has(fp.slice(0, fp.indexOf('|')));
    for (const map of [this.#since, this.#lastEvent, this.#exits]) {
      for (const fp of [...map.keys()]) if (!alive(fp)) map.delete(fp);
    }
    for (const [hostId, dir] of this.#containers) {
      for (const c of dir.values()) this.#health(hostId, c, now, out);
    }
    return out;
  }

  /** The host's agent is not connected (since `now` if it was): `host_offline` counts from then. */
  hostDown(hostId: string, now: number): Transition[] {
    if (!this.#hostDown.has(hostId)) this.#hostDown.set(hostId, now);
    return [];
  }

  /** A host that was revoked: nothing about it is worth an alert any more; its alerts resolve. */
  hostGone(hostId: string, now: number): Transition[] {
    this.#hostDown.delete(hostId);
    this.#containers.delete(hostId);
    const out: Transition[] = [];
    for (const a of this.active()) if (a.hostId === hostId) this.#resolve(a.fingerprint, now, out);
    const infix = `|${hostId}|`;
    for (const map of [this.#since, this.#lastEvent, this.#exits]) {
      for (const fp of [...map.keys()]) if (fp.includes(infix)) map.delete(fp);
    }
    return out;
  }

  hostUp(hostId: string, now: number): Transition[] {
    this.#hostDown.delete(hostId);
    const out: Transition[] = [];
    for (const rule of this.#of('host_offline'))
      this.#resolve(fingerprintOf(rule.id, hostId, null), now, out);
    return out;
  }

  /** A host's complete container list (`inventory.containers`). */
  inventory(hostId: string, containers: readonly ContainerInfo[], now: number): Transition[] {
    const out: Transition[] = [];
    const dir = new Map(containers.map((c) => [c.id, { ...c }]));
    for (const id of this.#containers.get(hostId)?.keys() ?? []) {
      if (!dir.has(id)) this.#forgetContainer(hostId, id, now, out);
    }
    for (const a of this.active()) {
      if (a.hostId === hostId && a.containerId && !dir.has(a.containerId))
        this.#forgetContainer(hostId, a.containerId, now, out);
    }
    this.#containers.set(hostId, dir);
    for (const c of dir.values()) {
      if (c.state === 'running') this.#resolveKind('container_exited', hostId, c.id, now, out);
      else this.#notRunning(hostId, c.id, now, out);
      this.#health(hostId, c, now, out);
    }
    return out;
  }

  containerEvent(hostId: string, ev: ContainerEvent, now: number): Transition[] {
    const out: Transition[] = [];
    const dir = this.#containers.get(hostId) ?? new Map<string, ContainerInfo>();
    this.#containers.set(hostId, dir);
    let c = dir.get(ev.id);
    if (!c) {
      // Not in an inventory yet: its labels are unknown (stack and label scopes do not match it).
      c = {
        id: ev.id,
        name: ev.name,
        labels: {},
        state: 'unknown',
        health: null,
        labelsKnown: false,
      };
      dir.set(ev.id, c);
    }
    if (ev.name) c.name = ev.name;
    switch (ev.type) {
      case 'die':
        c.state = 'exited';
        this.#died(hostId, c, ev, now, out);
        break;
      case 'oom':
        this.#oom(hostId, c, now, out);
        break;
      case 'start':
      case 'restart':
      case 'unpause':
        c.state = 'running';
        this.#resolveKind('container_exited', hostId, c.id, now, out);
        break;
      case 'destroy':
        this.#forgetContainer(hostId, c.id, now, out);
        dir.delete(c.id);
        break;
      case 'health_status':
        c.health = ev.health ?? null;
        this.#health(hostId, c, now, out);
        break;
      default:
        break;
    }
    return out;
  }

  /** The 10-second stats summary of a host: CPU and memory of its live containers, its disk. */
  summary(hostId: string, s: StatsSummaryEvent, now: number): Transition[] {
    const out: Transition[] = [];
    const dir = this.#containers.get(hostId);
    const live = new Set<string>();
    for (const st of s.containers) {
      live.add(st.id);
      const c = dir?.get(st.id);
      const target = this.#containerTarget(
        hostId,
        c ?? { id: st.id, name: st.id.slice(0, 12), labels: {}, state: 'running', health: null },
      );
      const labels = c && c.labelsKnown !== false ? c.labels : null;
      for (const rule of this.#of('cpu_high')) {
        if (!containerInScope(rule.scope, hostId, labels)) continue;
        const v = st.cpuPercentOfLimit ?? null;
        this.#condition(rule, target, v !== null && v > rule.params.percent, v, now, out);
      }
      for (const rule of this.#of('memory_high')) {
        if (!containerInScope(rule.scope, hostId, labels)) continue;
        const used = st.memoryWorkingSet ?? st.memoryUsage;
        const v = st.memoryLimit && used !== null ? (used / st.memoryLimit) * 100 : null;
        this.#condition(rule, target, v !== null && v > rule.params.percent, v, now, out);
      }
    }
    for (const id of dir?.keys() ?? []) if (!live.has(id)) this.#notRunning(hostId, id, now, out);
    const disk = s.dataRoot;
    if (disk) {
      const denom = disk.usedBytes + disk.availableBytes;
      const v = denom > 0 ? (disk.usedBytes / denom) * 100 : null;
      const target = { hostId, containerId: null, containerName: null, stack: null };
      for (const rule of this.#of('disk_high')) {
        if (hostInScope(rule.scope, hostId))
          this.#condition(rule, target, v !== null && v > rule.params.percent, v, now, out);
      }
    }
    return out;
  }

  /** Time passes: durations are reached, quiet windows end, hosts stay offline long enough. */
  tick(now: number): Transition[] {
    const out: Transition[] = [];
    const rules = new Map(this.#rules.map((r) => [r.id, r]));
    for (const [fp, cond] of this.#since) {
      const rule = rules.get(fp.slice(0, fp.indexOf('|')));
      if (rule && 'forSec' in rule.params && now - cond.since >= rule.params.forSec * SEC)
        this.#fire(rule, cond.target, cond.value, now, out);
    }
    for (const [hostId, since] of this.#hostDown) {
      for (const rule of this.#of('host_offline')) {
        if (hostInScope(rule.scope, hostId) && now - since >= rule.params.forSec * SEC)
          this.#fire(
            rule,
            { hostId, containerId: null, containerName: null, stack: null },
            (now - since) / SEC,
            now,
            out,
          );
      }
    }
    for (const a of this.active()) {
      const rule = rules.get(a.ruleId);
      const last = this.#lastEvent.get(a.fingerprint) ?? a.startedAt;
      if (rule?.kind === 'oom_killed' && now - last >= rule.params.resolveAfterSec * SEC)
        this.#resolve(a.fingerprint, now, out);
      if (rule?.kind === 'restart_loop' && now - last >= rule.params.windowSec * SEC)
        this.#resolve(a.fingerprint, now, out);
    }
    for (const [fp, times] of this.#exits) {
      const rule = rules.get(fp.slice(0, fp.indexOf('|')));
      const window = rule?.kind === 'restart_loop' ? rule.params.windowSec * SEC : 0;
      const kept = times.filter((t) => now - t < window);
      if (kept.length === 0) this.#exits.delete(fp);
      else this.#exits.set(fp, kept);
    }
    return out;
  }

  #died(hostId: string, c: ContainerInfo, ev: ContainerEvent, now: number, out: Transition[]) {
    const unexpected = ev.manuallyStopped !== true;
    const target = this.#containerTarget(hostId, c);
    const labels = this.#labels(c);
    if (unexpected) {
      for (const rule of this.#of('container_exited')) {
        if (!containerInScope(rule.scope, hostId, labels)) continue;
        if (ev.exitCode !== 0 || rule.params.includeCleanExit)
          this.#fire(rule, target, ev.exitCode ?? null, now, out);
      }
      for (const rule of this.#of('restart_loop')) {
        if (!containerInScope(rule.scope, hostId, labels)) continue;
        const fp = fingerprintOf(rule.id, hostId, c.id);
        const times = [...(this.#exits.get(fp) ?? []), now].filter(
          (t) => now - t < rule.params.windowSec * SEC,
        );
        this.#exits.set(fp, times);
        this.#lastEvent.set(fp, now);
        if (times.length >= rule.params.restarts) this.#fire(rule, target, times.length, now, out);
      }
    }
    if (ev.oomKilled) this.#oom(hostId, c, now, out);
    this.#notRunning(hostId, c.id, now, out);
  }

  #oom(hostId: string, c: ContainerInfo, now: number, out: Transition[]) {
    for (const rule of this.#of('oom_killed')) {
      if (!containerInScope(rule.scope, hostId, this.#labels(c))) continue;
      this.#lastEvent.set(fingerprintOf(rule.id, hostId, c.id), now);
      this.#fire(rule, this.#containerTarget(hostId, c), null, now, out);
    }
  }

  #health(hostId: string, c: ContainerInfo, now: number, out: Transition[]) {
    for (const rule of this.#of('unhealthy')) {
      if (!containerInScope(rule.scope, hostId, this.#labels(c))) continue;
      const bad = c.health === 'unhealthy' && c.state === 'running';
      this.#condition(rule, this.#containerTarget(hostId, c), bad, null, now, out);
    }
  }

  /** A container that stopped has no CPU, memory or health to alert on. */
  #notRunning(hostId: string, containerId: string, now: number, out: Transition[]) {
    for (const kind of ['cpu_high', 'memory_high', 'unhealthy'] as const) {
      for (const rule of this.#of(kind)) {
        const fp = fingerprintOf(rule.id, hostId, containerId);
        this.#since.delete(fp);
        this.#resolve(fp, now, out);
      }
    }
  }

  #forgetContainer(hostId: string, containerId: string, now: number, out: Transition[]) {
    for (const a of this.active()) {
      if (a.hostId === hostId && a.containerId === containerId)
        this.#resolve(a.fingerprint, now, out);
    }
    const suffix = `|${hostId}|${containerId}`;
    for (const map of [this.#since, this.#lastEvent, this.#exits]) {
      for (const fp of [...map.keys()]) if (fp.endsWith(suffix)) map.delete(fp);
    }
  }

  #condition(
    rule: DurationRule,
    target: AlertTarget,
    holds: boolean,
    value: number | null,
    now: number,
    out: Transition[],
  ) {
    const fp = fingerprintOf(rule.id, target.hostId, target.containerId);
    if (!holds) {
      this.#since.delete(fp);
      this.#resolve(fp, now, out);
      return;
    }
    const cond = this.#since.get(fp) ?? { since: now, value, target };
    cond.value = value;
    this.#since.set(fp, cond);
    if (now - cond.since >= rule.params.forSec * SEC) this.#fire(rule, target, value, now, out);
  }

  #fire(
    rule: EngineRule,
    target: AlertTarget,
    value: number | null,
    now: number,
    out: Transition[],
  ) {
    const fp = fingerprintOf(rule.id, target.hostId, target.containerId);
    if (this.#active.has(fp)) return;
    const alert: ActiveAlert = {
      ...target,
      fingerprint: fp,
      ruleId: rule.id,
      kind: rule.kind,
      startedAt: now,
      value,
    };
    this.#active.set(fp, alert);
    out.push({ state: 'firing', alert, at: now });
  }

  #resolve(fp: string, now: number, out: Transition[]) {
    const alert = this.#active.get(fp);
    if (!alert) return;
    this.#active.delete(fp);
    this.#lastEvent.delete(fp);
    out.push({ state: 'resolved', alert, at: now });
  }

  #resolveKind(
    kind: EngineRule['kind'],
    hostId: string,
    containerId: string,
    now: number,
    out: Transition[],
  ) {
    for (const rule of this.#of(kind))
      this.#resolve(fingerprintOf(rule.id, hostId, containerId), now, out);
  }

  #of<K extends EngineRule['kind']>(kind: K): RuleOf<K>[] {
    return this.#rules.filter((r): r is RuleOf<K> => r.kind === kind);
  }

  #labels(c: ContainerInfo): Record<string, string> | null {
    return c.labelsKnown === false ? null : c.labels;
  }

  #containerTarget(hostId: string, c: ContainerInfo): AlertTarget {
    return { hostId, containerId: c.id, containerName: c.name, stack: stackOf(c.labels) };
  }

  #inScope(rule: EngineRule, a: AlertTarget): boolean {
    if (!a.containerId) return hostInScope(rule.scope, a.hostId);
    const c = this.#containers.get(a.hostId)?.get(a.containerId);
    const labels = c ? this.#labels(c) : null;
    // Not heard of since a restart: only the hosts part of the scope can be told.
    return labels
      ? containerInScope(rule.scope, a.hostId, labels)
      : hostInScope(rule.scope, a.hostId);
  }
}
