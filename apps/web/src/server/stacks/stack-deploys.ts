import { ProtocolError } from '@berth/protocol';
import type { RpcParams, StackPreview } from '@berth/protocol';
import type { AgentHub } from '../hub/agent-hub.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Actor } from '../audit/audited.js';
import type { Logger } from '@berth/log';
import { randomId } from '../auth/secrets.js';
import { elevatedRefusal } from '../containers/elevated-gate.js';
import { allows } from '../tokens/access.js';
import { scopesAllow } from '../../lib/token-scopes.js';
import type { StackOperationDto, StackOperationEndEvent } from '../../lib/dto/stack.js';
import type { RegistryCredentialsService } from '../registry-credentials/credentials-service.js';
import type { StacksRepo } from './stacks-repo.js';

export interface StackFile {
  compose: string;
  env: string;
}

/** Loading, planning and the checks take the agent a moment; a whole deploy may pull images. */
const PREVIEW_TIMEOUT_MS = 60_000;
const DEPLOY_TIMEOUT_MS = 30 * 60_000;

export const stackTarget = (hostId: string, name: string) => `stack:${hostId}:${name}`;

/** Per image of the stack, what its pull on the hosts may use (`stack.deploy`'s `images`). */
export type StackImageAccess = NonNullable<RpcParams<'stack.deploy'>['images']>;

export interface StackDeploysDeps {
  hub: AgentHub;
  credentials: Pick<RegistryCredentialsService, 'forTransfer'>;
  audit: AuditRepo;
  repo: StacksRepo;
  log: Logger;
  /** A stack's deployments or containers changed: browsers refetch it. */
  changed(name: string): void;
  ended(e: StackOperationEndEvent): void;
}

/**
 * Deploys of a compose file to hosts, in two steps. `vet` asks every target host for a preview
 * (the agent loads and plans the file, classifies its elevated options and applies its own policy)
 * and refuses — before anything is created anywhere — what the caller's role or a host's policy
 * does not allow, naming it, audited as denied — and returns what each image's pull may use (the
 * host's stored credentials, the web's: the registry credentials rule of a single pull). `launch`
 * then starts each host's deploy in the background and returns at once; the steps arrive as
 * `stacks.progress`, the end as `stacks.operation`, the outcome in the deployment row and the
 * audit log.
 */
export function createStackDeploys(deps: StackDeploysDeps) {
  function requireOnline(hostIds: readonly string[]) {
    const offline = hostIds.filter((h) => !deps.hub.isConnected(h));
    if (offline.length > 0)
      throw new ProtocolError('UNAVAILABLE', `host ${offline.join(', ')} is offline`);
  }

  async function denied(actor: Actor, action: string, target: string, err: ProtocolError) {
    await deps.audit.record({
      actorId: actor.principal.userId,
      actorName: actor.principal.username,
      action,
      target,
      outcome: 'denied',
      detail: { code: err.code, error: err.message },
      ip: actor.meta.ip,
    });
  }

  async function preview(hostId: string, project: string, file: StackFile): Promise<StackPreview> {
    requireOnline([hostId]);
    return deps.hub.rpc(
      hostId,
      'stack.preview',
      { project, compose: file.compose, env: file.env },
      PREVIEW_TIMEOUT_MS,
    );
  }

  async function vet(
    actor: Actor,
    project: string,
    file: StackFile,
    hostIds: readonly string[],
  ): Promise<StackImageAccess> {
    if (hostIds.length === 0) throw new ProtocolError('INVALID_ARGUMENT', 'choose a host');
    requireOnline(hostIds);
    const previews = new Map<string, StackPreview>();
    for (const hostId of hostIds) previews.set(hostId, await preview(hostId, project, file));
    for (const [hostId, p] of previews) {
      const refusal = elevatedRefusal(
        actor.principal.role,
        p.elevated,
        !actor.principal.token || scopesAllow(actor.principal.token.scopes, 'containers.elevated'),
      );
      if (refusal) {
        await denied(actor, 'stack.deploy', stackTarget(hostId, project), refusal);
        throw refusal;
      }
      if (p.policyRefusal !== null) {
        const err = new ProtocolError('POLICY_DENIED', p.policyRefusal);
        await denied(actor, 'stack.deploy', stackTarget(hostId, project), err);
        throw err;
      }
    }
    const images: StackImageAccess = {};
    // Only what some host will pull needs credentials (an image already there is used as is).
    const refs = new Set(
      [...previews.values()].flatMap((p) => p.pulls ?? p.services.map((s) => s.image)),
    );
    for (const ref of refs) {
      try {
        const t = await deps.credentials.forTransfer(actor.principal, ref);
        images[ref] = { stored: t.storedCredentials, ...(t.auth ? { auth: t.auth } : {}) };
      } catch (err) {
        if (err instanceof ProtocolError && err.code === 'PERMISSION_DENIED')
          for (const hostId of hostIds)
            await denied(actor, 'stack.deploy', stackTarget(hostId, project), err);
        throw err;
      }
    }
    return images;
  }

  async function launch(
    actor: Actor,
    stack: { id: string; name: string },
    version: number,
    file: StackFile,
    hostId: string,
    images: StackImageAccess,
  ): Promise<StackOperationDto> {
    const operationId = randomId();
    await deps.repo.setDeployment(stack.id, hostId, {
      status: 'deploying',
      operationId,
      error: null,
    });
    deps.changed(stack.name);
    const base = {
      actorId: actor.principal.userId,
      actorName: actor.principal.username,
      action: 'stack.deploy',
      target: stackTarget(hostId, stack.name),
      ip: actor.meta.ip,
    };
    const run = async () => {
      try {
        const res = await deps.hub.rpc(
          hostId,
          'stack.deploy',
          {
            project: stack.name,
            compose: file.compose,
            env: file.env,
            operationId,
            allowElevated: allows(actor.principal, 'containers.elevated'),
            images,
          },
          DEPLOY_TIMEOUT_MS,
        );
        await deps.repo.setDeployment(stack.id, hostId, {
          status: 'running',
          versionNumber: version,
          serviceHashes: res.services,
          deployedAt: new Date(),
          error: null,
        });
        await deps.audit.record({
          ...base,
          outcome: 'success',
          detail: { version, actions: res.actions.filter((a) => a.kind !== 'keep') },
        });
        deps.ended({ hostId, operationId, project: stack.name, outcome: 'done', error: null });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const code = (err as { code?: unknown }).code;
        await deps.repo
          .setDeployment(stack.id, hostId, { status: 'failed', error: message })
          .catch(() => undefined);
        await deps.audit.record({
          ...base,
          outcome: code === 'POLICY_DENIED' || code === 'PERMISSION_DENIED' ? 'denied' : 'failure',
          detail: { version, error: message, ...(typeof code === 'string' ? { code } : {}) },
        });
        deps.ended({ hostId, operationId, project: stack.name, outcome: 'failed', error: message });
      } finally {
        deps.changed(stack.name);
      }
    };
    void run().catch((err: unknown) =>
      deps.log.error(`stack ${stack.name} on ${hostId}: ${String(err)}`),
    );
    return { hostId, operationId };
  }

  return { requireOnline, preview, vet, launch };
}
export type StackDeploys = ReturnType<typeof createStackDeploys>;
