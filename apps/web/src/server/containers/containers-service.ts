import {
  ProtocolError,
  stopDeadlineMs,
  classifyCreate,
  classifyUpdate,
  type ElevatedOption,
  type ContainerInspect,
  type RpcParams,
  type CreateContainerResponse,
  type LogLine,
  type UpdateContainerRequest,
} from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { ContainerMirror } from './container-mirror.js';
import type { ContainersRepo, ContainerListFilter } from './containers-repo.js';
import { transitionOf, type ContainerDto } from '../../lib/dto/container.js';
import type { Transitions } from './transitions.js';
import type { ContainerAction } from '../../lib/container-api-schemas.js';
import type { Principal, RequestMeta } from '../auth/principal.js';
import { auditedCreateRequest, elevatedRefusal } from './elevated-gate.js';
import { scopesAllow } from '../../lib/token-scopes.js';
import { auditedRun, errorText, type FailureRecord } from '../audit/audited.js';
import { specChanges } from '../../lib/container-spec-diff.js';
import { containerSpecOf } from './container-spec-source.js';

export interface ActionOptions {
  /** stop/restart: seconds before SIGKILL. */
  timeout?: number;
  /** kill: the signal (default SIGKILL). */
  signal?: string;
}

export interface ContainersDeps {
  hub: AgentHub;
  repo: ContainersRepo;
  mirror: ContainerMirror;
  transitions: Transitions;
  audit: AuditRepo;
}

/** Creating may unpack an image first: give the agent longer than the default 10 s. */
const CREATE_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 60_000;

/**
 * Container actions through the agent hub. Every state change is audited (success or failure,
 * with the agent's message) and its result mirrored at once, before the agent's own inventory
 * push confirms it.
 */
export function createContainersService(deps: ContainersDeps) {
  /** The host's own policy refusing is a denial too, not a failure of the host. */
  const failureOf: FailureRecord = (err) => {
    const code = (err as { code?: unknown }).code;
    const restored = (err as { details?: { restored?: unknown } }).details?.restored;
    return {
      outcome: code === 'POLICY_DENIED' ? 'denied' : 'failure',
      detail: {
        error: errorText(err),
        ...(typeof code === 'string' ? { code } : {}),
        ...(typeof restored === 'boolean' ? { restored } : {}),
      },
    };
  };
  const audited = <T>(
    principal: Principal,
    meta: RequestMeta,
    action: string,
    target: string,
    detail: Record<string, unknown>,
    work: () => Promise<T>,
  ): Promise<T> =>
    auditedRun(deps.audit, { principal, meta, action, target, detail }, work, failureOf);

  const target = (hostId: string, ref: string) => `container:${hostId}:${ref}`;

  /** Refuses (audited as denied, with the request) elevated options the principal may not use. */
  async function gateElevated(
    p: Principal,
    meta: RequestMeta,
    action: string,
    auditTarget: string,
    options: ElevatedOption[],
    detail: Record<string, unknown>,
  ): Promise<void> {
    const refusal = elevatedRefusal(
      p.role,
      options,
      !p.token || scopesAllow(p.token.scopes, 'containers.elevated'),
    );
    if (!refusal) return;
    await deps.audit.record({
      actorId: p.userId,
      actorName: p.username,
      action,
      target: auditTarget,
      outcome: 'denied',
      detail: { ...detail, error: refusal.message, code: refusal.code },
      ip: meta.ip,
    });
    throw refusal;
  }

  /**
   * Runs `work` with the container shown in `transition` ("stopping…") to every browser until
   * the agent has answered, whatever it answered: the state itself changes only by what the
   * agent reports. A container the mirror does not know yet (just created) shows none.
   */
  async function inTransition<T>(
    hostId: string,
    ref: string,
    action: ContainerAction | 'remove',
    work: () => Promise<T>,
  ): Promise<T> {
    const known = await deps.repo.findByRef(hostId, ref);
    if (!known) return work();
    const end = deps.transitions.begin(known.id, transitionOf(action));
    await deps.mirror.announce(hostId, known.engineId);
    try {
      return await work();
    } finally {
      end();
      await deps.mirror.announce(hostId, known.engineId);
    }
  }

  async function act(
    p: Principal,
    meta: RequestMeta,
    hostId: string,
    ref: string,
    action: ContainerAction,
    opts: ActionOptions = {},
  ): Promise<ContainerDto> {
    return audited(p, meta, `container.${action}`, target(hostId, ref), { ...opts }, () =>
      inTransition(hostId, ref, action, async () => {
        const summary = await callAction(deps.hub, hostId, ref, action, opts);
        return deps.mirror.upsert(hostId, summary);
      }),
    );
  }

  return {
    list: async (filter: ContainerListFilter): Promise<ContainerDto[]> =>
      (await deps.repo.list(filter)).map(deps.transitions.decorate),

    async get(hostId: string, engineId: string): Promise<ContainerDto> {
      const dto = await deps.repo.find(hostId, engineId);
      if (!dto) throw new ProtocolError('NOT_FOUND', `no container ${engineId} on this host`);
      return deps.transitions.decorate(dto);
    },

    inspect: (hostId: string, ref: string): Promise<ContainerInspect> =>
      deps.hub.rpc(hostId, 'container.inspect', { ref }),

    act,

    async remove(
      p: Principal,
      meta: RequestMeta,
      hostId: string,
      ref: string,
      force: boolean,
    ): Promise<{ id: string }> {
      return audited(p, meta, 'container.remove', target(hostId, ref), { force }, () =>
        inTransition(hostId, ref, 'remove', async () => {
          const res = await deps.hub.rpc(
            hostId,
            'container.remove',
            { ref, force },
            STOP_TIMEOUT_MS,
          );
          await deps.mirror.remove(hostId, res.id);
          return { id: `${hostId}:${res.id}` };
        }),
      );
    },

    async create(
      p: Principal,
      meta: RequestMeta,
      hostId: string,
      req: RpcParams<'container.create'>,
      start: boolean,
    ): Promise<CreateContainerResponse & { container: ContainerDto | null; started: boolean }> {
      const elevated = classifyCreate(req);
      const detail = {
        request: auditedCreateRequest(req),
        start,
        elevated: elevated.map((o) => o.token),
      };
      await gateElevated(p, meta, 'container.create', `host:${hostId}`, elevated, detail);
      const created = await audited(p, meta, 'container.create', `host:${hostId}`, detail, () =>
        deps.hub
          .rpc(hostId, 'container.create', req, CREATE_TIMEOUT_MS)
          .catch(async (err: unknown) => {
            throw await missingImageOr(deps.hub, hostId, req.image, err);
          }),
      );
      let container: ContainerDto | null = null;
      if (start) {
        container = await act(p, meta, hostId, created.id, 'start');
      } else {
        const summary = (await deps.hub.rpc(hostId, 'container.list', {})).containers.find(
          (c) => c.id === created.id,
        );
        if (summary) container = await deps.mirror.upsert(hostId, summary);
      }
      return { ...created, container, started: start };
    },

    /** The container's settings as a create request (Duplicate/Edit's prefill). */
    spec: (hostId: string, ref: string) => containerSpecOf(deps.hub, hostId, ref),

    /**
     * Recreates a container with `req`'s settings under its own name (Duplicate/Edit → Replace),
     * in one agent call that restores the old one when the new one cannot be made. The same
     * rules as create: elevated options need `containers.elevated`, the host's policy applies;
     * audited with the request (variable values hidden) and the settings it changes.
     */
    async replace(
      p: Principal,
      meta: RequestMeta,
      hostId: string,
      ref: string,
      req: RpcParams<'container.create'>,
      start: boolean,
    ): Promise<CreateContainerResponse & { replaced: string; container: ContainerDto | null }> {
      const elevated = classifyCreate(req);
      const auditTarget = target(hostId, ref);
      const detail: Record<string, unknown> = {
        request: auditedCreateRequest(req),
        start,
        elevated: elevated.map((o) => o.token),
      };
      await gateElevated(p, meta, 'container.replace', auditTarget, elevated, detail);
      return audited(p, meta, 'container.replace', auditTarget, detail, async () => {
        const before = await containerSpecOf(deps.hub, hostId, ref);
        detail.changed = [...new Set(specChanges(before.request, req).map((c) => c.label))];
        const res = await inTransition(hostId, before.id, 'remove', () =>
          deps.hub
            .rpc(
              hostId,
              'container.replace',
              { ref: before.id, request: req, start },
              CREATE_TIMEOUT_MS + stopDeadlineMs(before.stopTimeout),
            )
            .catch(async (err: unknown) => {
              if ((err as { code?: unknown }).code === 'UNIMPLEMENTED')
                throw new ProtocolError(
                  'FAILED_PRECONDITION',
                  "this host's agent is too old to replace a container: upgrade it, or create a copy under another name",
                );
              throw await missingImageOr(deps.hub, hostId, req.image, err);
            }),
        );
        await deps.mirror.remove(hostId, res.replaced);
        const summary = (await deps.hub.rpc(hostId, 'container.list', {})).containers.find(
          (c) => c.id === res.id,
        );
        const container = summary ? await deps.mirror.upsert(hostId, summary) : null;
        return { ...res, container };
      });
    },

    async update(
      p: Principal,
      meta: RequestMeta,
      hostId: string,
      ref: string,
      update: UpdateContainerRequest,
    ): Promise<ContainerDto> {
      const elevated = classifyUpdate(update);
      const detail = { request: { ...update }, elevated: elevated.map((o) => o.token) };
      await gateElevated(p, meta, 'container.update', target(hostId, ref), elevated, detail);
      return audited(p, meta, 'container.update', target(hostId, ref), detail, async () => {
        const summary = await deps.hub.rpc(hostId, 'container.update', { ref, update });
        return deps.mirror.upsert(hostId, summary);
      });
    },

    logs: (
      hostId: string,
      ref: string,
      q: { tail?: number; since?: string | number },
    ): Promise<{ entries: LogLine[]; truncated: boolean }> =>
      deps.hub.rpc(hostId, 'container.logs', { ref, ...q }, 30_000),
  };
}
export type ContainersService = ReturnType<typeof createContainersService>;

/**
 * The stop timeout the agent will apply: the request's, else the container's own (asked of the
 * agent, the truth for its containers). Sent explicitly, so both sides wait for the same number.
 */
async function stopTimeoutOf(
  hub: AgentHub,
  hostId: string,
  ref: string,
  requested: number | undefined,
): Promise<number> {
  if (requested !== undefined) return requested;
  return (await hub.rpc(hostId, 'container.inspect', { ref })).stopTimeout;
}

/**
 * A create's NOT_FOUND may be about the image or something else (a network, a volume): asked
 * of the agent, a missing image becomes NOT_FOUND with `details.missingImage`, which the
 * dashboard answers as `docker run` does: pull it (with progress), then create again.
 */
async function missingImageOr(
  hub: AgentHub,
  hostId: string,
  image: string,
  err: unknown,
): Promise<unknown> {
  if ((err as { code?: unknown }).code !== 'NOT_FOUND') return err;
  try {
    await hub.rpc(hostId, 'image.inspect', { ref: image });
    return err;
  } catch (inspectErr) {
    if ((inspectErr as { code?: unknown }).code !== 'NOT_FOUND') return err;
    return new ProtocolError('NOT_FOUND', `image ${image} is not on this host yet`, {
      missingImage: image,
    });
  }
}

async function callAction(
  hub: AgentHub,
  hostId: string,
  ref: string,
  action: ContainerAction,
  opts: ActionOptions,
) {
  switch (action) {
    case 'start':
      return hub.rpc(hostId, 'container.start', { ref }, STOP_TIMEOUT_MS);
    case 'stop':
    case 'restart': {
      // The agent waits the whole stop timeout before SIGKILL: wait for it, plus the margin.
      const timeout = await stopTimeoutOf(hub, hostId, ref, opts.timeout);
      const method = action === 'stop' ? 'container.stop' : 'container.restart';
      return hub.rpc(hostId, method, { ref, timeout }, stopDeadlineMs(timeout));
    }
    case 'pause':
      return hub.rpc(hostId, 'container.pause', { ref });
    case 'unpause':
      return hub.rpc(hostId, 'container.unpause', { ref });
    case 'kill': {
      // a SIGKILL answers once the exit is recorded
      const params = { ref, ...(opts.signal ? { signal: opts.signal } : {}) };
      return hub.rpc(hostId, 'container.kill', params, stopDeadlineMs(0));
    }
  }
}
