import { randomBytes } from 'node:crypto';
import {
  LABEL,
  dependencyOrder,
  loadProject,
  planProject,
  reconcile,
  type Action,
  type ContainerPlan,
  type Project,
  type ServicePlan,
  type StackPlan,
} from '@berth/compose';
import { compareText } from '@berth/runtime';
import type {
  ContainerSummary,
  CreateContainerRequest,
  StackDownRequest,
  StackFileRequest,
  StackServicesRequest,
  StackUpRequest,
} from '@berth/protocol';
import type { ContainerService } from '../containers/service.js';
import { AgentError } from '../errors.js';
import { conditionState, healthState } from './conditions.js';
import { readHostFile } from './files.js';
import type { ReadFile } from '@berth/compose';
import { freeHostPort } from './host-ports.js';
import {
  ensureImages,
  ensureNetworks,
  ensureVolumes,
  type Progress,
  type PullAccess,
  type StackDeps,
} from './resources.js';
import { previewRequest, toCreateRequest } from './to-request.js';
import { UpTransaction } from './transaction.js';

const ANONYMOUS = /^[0-9a-f]{64}$/;

/** Checks (and may rewrite) each create request before anything is created: the host policy. */
export type VetCreate = (req: CreateContainerRequest) => Promise<CreateContainerRequest>;

export interface UpOptions {
  /** Where the compose file and `.env` come from (default: the host's file system). */
  readFile?: ReadFile;
  /** Run on every container's create request, all of them before anything is created. */
  vet?: VetCreate;
  /** What each image's pull may use (default: what `berth login` stored on this host). */
  pullAccess?: PullAccess;
}

export interface UpResult {
  plan: StackPlan;
  actions: Action[];
}

/**
 * The agent's stack deployer: `berth compose` (and later the web, through an RPC) hands it a
 * compose file; it plans with @berth/compose and carries the plan out with the agent's own
 * container, network, volume and image services.
 *
 * `up`: images (pull per pull_policy), networks, volumes, then per service in depends_on order —
 * wait for its dependencies' conditions, then create/recreate/start its containers. Removals
 * (scale down, orphans) come last, after everything else succeeded. Recreating stops and removes
 * the old container first (a stopped container still holds its published ports and network
 * endpoints in Berth, so old and new cannot coexist), keeping its record; any failure rolls the
 * whole `up` back (UpTransaction): new containers removed, replaced ones re-created from their
 * records and restarted — a failed `up` leaves the previous version running.
 */
export class StackDeployer {
  constructor(private readonly deps: StackDeps) {}

  private get containers(): ContainerService {
    return this.deps.containers;
  }

  load(req: StackFileRequest, readFile: ReadFile = readHostFile): Promise<Project> {
    return loadProject({
      file: req.configFile,
      readFile,
      env: req.env ?? {},
      projectName: req.projectName,
      profiles: req.profiles,
      workingDir: req.workingDir,
    });
  }

  async plan(req: StackFileRequest, readFile?: ReadFile): Promise<StackPlan> {
    return planProject(await this.load(req, readFile));
  }

  /** The project's service containers (not one-off), in the order `docker compose ps` lists. */
  ps(project: string): ContainerSummary[] {
    return this.containers
      .list(true)
      .filter((c) => c.labels[LABEL.project] === project && c.labels[LABEL.oneoff] !== 'True')
      .sort((a, b) => compareText(a.name, b.name));
  }

  /** Service → the image ID its image has on this host now (no pull); absent images left out. */
  async localImageIds(plan: StackPlan): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const svc of plan.services) {
      const local = await this.containers.imageEngine.resolve(svc.image).catch(() => null);
      if (local) out[svc.name] = local.id;
    }
    return out;
  }

  async pull(req: StackFileRequest, progress: Progress): Promise<void> {
    await ensureImages(this.deps, await this.plan(req), progress, { always: true });
  }

  async up(req: StackUpRequest, progress: Progress, o: UpOptions = {}): Promise<UpResult> {
    const plan = await this.plan(req, o.readFile);
    if (o.vet)
      for (const svc of plan.services)
        for (const p of svc.containers) await o.vet(previewRequest(p.spec));
    for (const w of plan.warnings) progress({ kind: 'warning', name: plan.project, status: w });
    const imageIds = await ensureImages(this.deps, plan, progress, { pullAccess: o.pullAccess });
    await ensureNetworks(this.deps, plan, progress);
    await ensureVolumes(this.deps, plan, progress);
    const existing = this.ps(plan.project).map((c) => ({ ...c, imageId: c.imageId }));
    const { actions, orphans } = reconcile(plan, existing, {
      removeOrphans: req.removeOrphans,
      forceRecreate: req.forceRecreate,
      noRecreate: req.noRecreate,
      imageIds,
    });
    if (orphans.length > 0)
      progress({
        kind: 'warning',
        name: plan.project,
        status: `Found orphan containers (${orphans.map((o) => o.name).join(', ')}) for this project. Run with --remove-orphans to clean them up.`,
      });
    const tx = new UpTransaction(this.containers);
    try {
      for (const svc of plan.services) {
        const mine = actions.filter((a) => a.service === svc.name && a.kind !== 'remove');
        await this.#waitForDependencies(plan, svc, (req.waitTimeout ?? 600) * 1000);
        for (const a of mine) await this.#apply(plan, svc, a, tx, progress, o.vet);
      }
    } catch (err) {
      await tx.rollback(progress);
      throw err;
    }
    for (const a of actions)
      if (a.kind === 'remove') {
        await this.containers.stop(a.container.id).catch(() => undefined);
        await this.containers.remove(a.container.id, true);
        progress({ kind: 'container', name: a.container.name, status: 'Removed' });
      }
    if (req.wait) await this.#waitHealthy(plan, progress, (req.waitTimeout ?? 600) * 1000);
    return { plan, actions };
  }

  /** `--wait`: every container of the plan with a health check healthy (or a clear failure). */
  async #waitHealthy(plan: StackPlan, progress: Progress, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const services = new Set(plan.services.map((s) => s.name));
    const pending = new Set(
      this.ps(plan.project)
        .filter((c) => services.has(c.labels[LABEL.service] ?? '') && this.#hasHealthcheck(c.id))
        .map((c) => c.id),
    );
    while (pending.size > 0) {
      for (const c of this.ps(plan.project).filter((x) => pending.has(x.id))) {
        const s = healthState(c);
        if (s === 'waiting') continue;
        if (s !== 'healthy')
          throw new AgentError('FAILED_PRECONDITION', `container ${c.name} ${s}`);
        pending.delete(c.id);
        progress({ kind: 'container', name: c.name, status: 'Healthy' });
      }
      if (pending.size === 0) return;
      if (Date.now() > deadline)
        throw new AgentError(
          'DEADLINE_EXCEEDED',
          `timed out waiting for ${pending.size} container(s) to be healthy`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async #apply(
    plan: StackPlan,
    svc: ServicePlan,
    a: Action,
    tx: UpTransaction,
    progress: Progress,
    vet: VetCreate | undefined,
  ) {
    const c = this.containers;
    switch (a.kind) {
      case 'keep':
        progress({ kind: 'container', name: a.container.name, status: 'Running' });
        return;
      case 'start':
        await c.start(a.container.id);
        tx.started(a.container.id, a.container.name);
        progress({ kind: 'container', name: a.container.name, status: 'Started' });
        return;
      case 'create':
      case 'recreate': {
        const planned = svc.containers.find((x) => x.number === a.number) as ContainerPlan;
        let anonymous: Map<string, string> = new Map();
        if (a.kind === 'recreate') {
          const old = c.record(a.replaces.id);
          anonymous = anonymousVolumesOf(old.options.volumes);
          const wasRunning = old.state === 'running' || old.state === 'paused';
          if (wasRunning) await c.stop(old.id);
          await c.remove(old.id, true);
          tx.replaced(old, wasRunning);
          progress({ kind: 'container', name: a.replaces.name, status: `Recreate (${a.why})` });
        }
        const id = await this.#create(plan, planned, anonymous, tx, vet);
        progress({ kind: 'container', name: planned.name, status: 'Created' });
        await c.start(id);
        progress({ kind: 'container', name: planned.name, status: 'Started' });
        return;
      }
      case 'remove':
        return;
    }
  }

  async #create(
    plan: StackPlan,
    p: ContainerPlan,
    reuse: Map<string, string>,
    tx: UpTransaction,
    vet: VetCreate | undefined,
  ): Promise<string> {
    const anonymousVolumes = new Map<string, string>();
    for (const m of p.spec.mounts) {
      if (m.type !== 'volume' || m.name !== null) continue;
      let name = reuse.get(m.target);
      if (!name) {
        name = randomBytes(32).toString('hex');
        await this.containers.createVolume(name, {
          [LABEL.project]: plan.project,
          'com.docker.volume.anonymous': '',
        });
      }
      anonymousVolumes.set(m.target, name);
    }
    const hostPorts = new Map<number, number>();
    for (const [i, port] of p.spec.ports.entries())
      if (port.published === null) hostPorts.set(i, await freeHostPort(port.hostIp, port.protocol));
    const request = toCreateRequest(p.spec, { name: p.name, anonymousVolumes, hostPorts });
    const created = await this.containers.create(vet ? await vet(request) : request);
    tx.created(created.id, created.name);
    return created.id;
  }

  async #waitForDependencies(plan: StackPlan, svc: ServicePlan, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const [dep, d] of Object.entries(svc.dependsOn)) {
      for (;;) {
        const cs = this.ps(plan.project).filter((c) => c.labels[LABEL.service] === dep);
        const s = conditionState(d.condition, cs, (c) => this.#hasHealthcheck(c.id));
        if (s.met) break;
        if (s.failed !== null)
          throw new AgentError('FAILED_PRECONDITION', `dependency failed to start: ${s.failed}`);
        if (Date.now() > deadline)
          throw new AgentError(
            'DEADLINE_EXCEEDED',
            `service ${svc.name}: timed out waiting for ${dep} (${d.condition})`,
          );
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  #hasHealthcheck(id: string): boolean {
    const test = this.containers.inspect(id).config.healthcheck?.test ?? [];
    return test.length > 0 && test[0] !== 'NONE';
  }

  /** `down`: the project's containers (dependents first), networks, and with `volumes` its volumes. */
  async down(req: StackDownRequest, progress: Progress): Promise<void> {
    const cs = this.ps(req.project);
    const anonymous = new Set<string>();
    for (const c of this.#stopOrder(cs)) {
      for (const name of anonymousVolumesOf(this.containers.record(c.id).options.volumes).values())
        anonymous.add(name);
      if (c.state === 'running' || c.state === 'paused') {
        await this.containers.stop(c.id, req.timeout);
        progress({ kind: 'container', name: c.name, status: 'Stopped' });
      }
      await this.containers.remove(c.id, true);
      progress({ kind: 'container', name: c.name, status: 'Removed' });
    }
    for (const n of await this.deps.networks.list([`label=${LABEL.project}=${req.project}`])) {
      await this.deps.networks.remove(n.id);
      progress({ kind: 'network', name: n.name, status: 'Removed' });
    }
    if (!req.volumes) return;
    for (const v of await this.containers.volumes()) {
      if (v.labels[LABEL.project] !== req.project && !anonymous.has(v.name)) continue;
      await this.containers.removeVolume(v.name, false);
      progress({ kind: 'volume', name: v.name, status: 'Removed' });
    }
  }

  async start(req: StackServicesRequest, progress: Progress): Promise<void> {
    for (const c of this.#startOrder(this.#selected(req)))
      if (c.state !== 'running') {
        await this.containers.start(c.id);
        progress({ kind: 'container', name: c.name, status: 'Started' });
      }
  }

  async stop(req: StackServicesRequest, progress: Progress): Promise<void> {
    for (const c of this.#stopOrder(this.#selected(req)))
      if (c.state === 'running' || c.state === 'paused') {
        await this.containers.stop(c.id, req.timeout);
        progress({ kind: 'container', name: c.name, status: 'Stopped' });
      }
  }

  async restart(req: StackServicesRequest, progress: Progress): Promise<void> {
    for (const c of this.#startOrder(this.#selected(req))) {
      await this.containers.restart(c.id, req.timeout);
      progress({ kind: 'container', name: c.name, status: 'Restarted' });
    }
  }

  #selected(req: StackServicesRequest): ContainerSummary[] {
    const cs = this.ps(req.project);
    if (cs.length === 0)
      throw new AgentError('NOT_FOUND', `no containers for project "${req.project}"`);
    const services = req.services ?? [];
    const unknown = services.filter((s) => !cs.some((c) => c.labels[LABEL.service] === s));
    if (unknown.length > 0)
      throw new AgentError('NOT_FOUND', `no such service: ${unknown.join(', ')}`);
    return services.length === 0
      ? cs
      : cs.filter((c) => services.includes(c.labels[LABEL.service] ?? ''));
  }

  /** Containers ordered by their services' depends_on (from the `depends_on` label). */
  #startOrder(cs: readonly ContainerSummary[]): ContainerSummary[] {
    const services: Record<string, { dependsOn: Record<string, unknown> }> = {};
    for (const c of cs) {
      const deps = (c.labels[LABEL.dependsOn] ?? '')
        .split(',')
        .filter(Boolean)
        .map((d) => d.split(':')[0] ?? '');
      services[c.labels[LABEL.service] ?? ''] = {
        dependsOn: Object.fromEntries(deps.map((d) => [d, {}])),
      };
    }
    const order = dependencyOrder(services);
    const rank = (c: ContainerSummary) => order.indexOf(c.labels[LABEL.service] ?? '');
    return [...cs].sort((a, b) => rank(a) - rank(b) || compareText(a.name, b.name));
  }

  #stopOrder(cs: readonly ContainerSummary[]): ContainerSummary[] {
    return this.#startOrder(cs).reverse();
  }
}

/** Pure: `NAME:/target` entries whose NAME is an anonymous volume's → target → name. */
export function anonymousVolumesOf(volumes: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(volumes)) return out;
  for (const v of volumes) {
    const [source = '', target = ''] = String(v).split(':');
    if (ANONYMOUS.test(source)) out.set(target, source);
  }
  return out;
}
