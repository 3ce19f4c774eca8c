import { ProtocolError } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { ContainersRepo } from '../containers/containers-repo.js';
import type {
  StackDeployResponseDto,
  StackDetailDto,
  StackLogEntryDto,
  StackPreviewDto,
  StackSummaryDto,
  StackVersionDto,
} from '../../lib/dto/stack.js';
import { mergeStackLogs } from './stack-logs.js';
import type { Actor } from '../audit/audited.js';
import {
  stackTarget,
  type StackDeploys,
  type StackFile,
  type StackImageAccess,
} from './stack-deploys.js';
import { COMPOSE_LABEL, projectOf, stackViews, type HostInfo } from './stack-view.js';
import type { StackRecord, StacksRepo } from './stacks-repo.js';
import { auditedRun, errorUnder } from '../audit/audited.js';

export type StackHostAction = 'start' | 'stop' | 'restart';

const ACTION_TIMEOUT_MS = 10 * 60_000;

export interface StacksServiceDeps {
  repo: StacksRepo;
  deploys: StackDeploys;
  hub: AgentHub;
  audit: AuditRepo;
  containers: ContainersRepo;
  hosts: () => Promise<HostInfo[]>;
  changed(name: string): void;
}

/**
 * Stacks: definitions and versions in the database, deploys through the agents, and views that
 * join both with the mirrored containers (what runs is the agents' truth).
 */
export function createStacksService(deps: StacksServiceDeps) {
  const { repo, deploys } = deps;

  async function views(records: readonly StackRecord[]): Promise<StackSummaryDto[]> {
    return stackViews(records, await deps.containers.list(), await deps.hosts());
  }

  async function record(name: string): Promise<StackRecord> {
    const r = await repo.find(name);
    if (!r) throw new ProtocolError('NOT_FOUND', `no stack ${name} (only found running, or gone)`);
    return r;
  }

  async function detail(name: string): Promise<StackDetailDto> {
    const r = await repo.find(name);
    const all = await views(r ? [r] : []);
    const view = all.find((v) => v.name === name);
    if (!view) throw new ProtocolError('NOT_FOUND', `no stack ${name}`);
    return { ...view, versions: r?.versions ?? [] };
  }

  const audited = <T>(
    actor: Actor,
    action: string,
    target: string,
    detail: Record<string, unknown>,
    work: () => Promise<T>,
  ): Promise<T> =>
    auditedRun(deps.audit, { ...actor, action, target, detail }, work, errorUnder('message'));

  /** Hosts a stack is on: deployed there by the web, or running there. */
  async function hostsOf(r: StackRecord): Promise<string[]> {
    const running = (await deps.containers.list())
      .filter((c) => projectOf(c) === r.name)
      .map((c) => c.hostId);
    return [...new Set([...r.deployments.map((d) => d.hostId), ...running])];
  }

  async function deployVersion(
    actor: Actor,
    r: { id: string; name: string },
    version: number,
    file: StackFile,
    hostIds: readonly string[],
    images: StackImageAccess,
  ): Promise<StackDeployResponseDto> {
    const operations = [];
    for (const hostId of hostIds)
      operations.push(await deploys.launch(actor, r, version, file, hostId, images));
    return { stack: await detail(r.name), operations };
  }

  /** `down` on one host (its containers, networks and, with `volumes`, its volumes). */
  async function removeFromHost(actor: Actor, name: string, hostId: string, volumes: boolean) {
    deploys.requireOnline([hostId]);
    const r = await repo.find(name);
    if (r) await repo.setDeployment(r.id, hostId, { status: 'removing' });
    await audited(actor, 'stack.remove', stackTarget(hostId, name), { volumes }, () =>
      deps.hub.rpc(hostId, 'stack.down', { project: name, volumes }, ACTION_TIMEOUT_MS),
    ).catch(async (err: unknown) => {
      if (r)
        await repo.setDeployment(r.id, hostId, {
          status: 'failed',
          error: err instanceof Error ? err.message : String(err),
        });
      throw err;
    });
    if (r) await repo.removeDeployment(r.id, hostId);
    deps.changed(name);
  }

  return {
    list: async (): Promise<StackSummaryDto[]> => views(await repo.list()),
    get: detail,

    async version(name: string, number: number): Promise<StackVersionDto> {
      const v = await repo.version((await record(name)).id, number);
      if (!v) throw new ProtocolError('NOT_FOUND', `stack ${name} has no version ${number}`);
      return v;
    },

    async preview(name: string, hostId: string, file: StackFile): Promise<StackPreviewDto> {
      return { ...(await deploys.preview(hostId, name, file)), hostId };
    },

    /** A new stack: checked on every chosen host, then stored as version 1 and deployed. */
    async create(
      actor: Actor,
      input: StackFile & { name: string; hostIds: string[] },
    ): Promise<StackDeployResponseDto> {
      if (await repo.find(input.name))
        throw new ProtocolError('ALREADY_EXISTS', `stack ${input.name} already exists`);
      const images = await deploys.vet(actor, input.name, input, input.hostIds);
      const r = await repo.create(input.name, actor.principal.username, input);
      deps.changed(r.name);
      return deployVersion(actor, r, 1, input, input.hostIds, images);
    },

    /** An edited file: checked, stored as the next version, deployed where the stack is. */
    async update(
      actor: Actor,
      name: string,
      input: StackFile & { message?: string | undefined; hostIds?: string[] | undefined },
    ): Promise<StackDeployResponseDto> {
      const r = await record(name);
      const hostIds = input.hostIds ?? (await hostsOf(r));
      const images = await deploys.vet(actor, name, input, hostIds);
      const version = await repo.addVersion(r.id, actor.principal.username, {
        ...input,
        message: input.message ?? null,
      });
      return deployVersion(actor, r, version, input, hostIds, images);
    },

    /** An earlier file again, as the next version ("rollback to version N"). */
    async rollback(actor: Actor, name: string, to: number): Promise<StackDeployResponseDto> {
      const r = await record(name);
      const old = await repo.version(r.id, to);
      if (!old) throw new ProtocolError('NOT_FOUND', `stack ${name} has no version ${to}`);
      const file = { compose: old.compose, env: old.env };
      const hostIds = await hostsOf(r);
      const images = await deploys.vet(actor, name, file, hostIds);
      const version = await repo.addVersion(r.id, actor.principal.username, {
        ...file,
        message: `rollback to version ${to}`,
      });
      return deployVersion(actor, r, version, file, hostIds, images);
    },

    /** A version (default the latest) to more hosts, or again to the same: each its own copy. */
    async deploy(
      actor: Actor,
      name: string,
      input: { hostIds: string[]; version?: number | undefined },
    ): Promise<StackDeployResponseDto> {
      const r = await record(name);
      const number = input.version ?? r.versions[0]?.number ?? 1;
      const v = await repo.version(r.id, number);
      if (!v) throw new ProtocolError('NOT_FOUND', `stack ${name} has no version ${number}`);
      const file = { compose: v.compose, env: v.env };
      const images = await deploys.vet(actor, name, file, input.hostIds);
      return deployVersion(actor, r, number, file, input.hostIds, images);
    },

    async act(actor: Actor, name: string, hostId: string, action: StackHostAction) {
      deploys.requireOnline([hostId]);
      await audited(actor, `stack.${action}`, stackTarget(hostId, name), {}, () =>
        deps.hub.rpc(hostId, `stack.${action}`, { project: name, services: [] }, ACTION_TIMEOUT_MS),
      );
      deps.changed(name);
      return detail(name);
    },

    removeFromHost,

    /** `down` on every host it is on, then its definition and versions. */
    async remove(actor: Actor, name: string, volumes: boolean): Promise<void> {
      const r = await repo.find(name);
      const hostIds = r
        ? await hostsOf(r)
        : [
            ...new Set(
              (await deps.containers.list())
                .filter((c) => projectOf(c) === name)
                .map((c) => c.hostId),
            ),
          ];
      if (!r && hostIds.length === 0) throw new ProtocolError('NOT_FOUND', `no stack ${name}`);
      deploys.requireOnline(hostIds);
      for (const hostId of hostIds) await removeFromHost(actor, name, hostId, volumes);
      if (r) {
        await repo.remove(r.id);
        await deps.audit.record({
          actorId: actor.principal.userId,
          actorName: actor.principal.username,
          action: 'stack.delete',
          target: `stack:${name}`,
          outcome: 'success',
          detail: { versions: r.versions.length },
          ip: actor.meta.ip,
        });
      }
      deps.changed(name);
    },

    /** The newest `tail` entries of all the stack's containers on a host, interleaved. */
    async logs(name: string, hostId: string, tail: number): Promise<StackLogEntryDto[]> {
      deploys.requireOnline([hostId]);
      const cs = (await deps.containers.list({ hostId })).filter((c) => projectOf(c) === name);
      const logs = await Promise.all(
        cs.map(async (c) => ({
          service: c.labels[COMPOSE_LABEL.service] ?? '',
          container: c.name,
          entries: (await deps.hub.rpc(hostId, 'container.logs', { ref: c.engineId, tail }, 30_000))
            .entries,
        })),
      );
      return mergeStackLogs(logs, tail);
    },
  };
}
export type StacksService = ReturnType<typeof createStacksService>;
