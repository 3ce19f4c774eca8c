import { reconcile, type Action, type StackPlan } from '@berth/compose';
import { classifyCreate } from '@berth/protocol';
import type {
  ElevatedOption,
  RpcParams,
  StackDeployResult,
  StackPlannedAction,
  StackPreview,
} from '@berth/protocol';
import { AgentError } from '../errors.js';
import type { ImageService } from '../images/service.js';
import { assertStoredCredentialsAllowed } from '../images/stored-credentials.js';
import type { HostPolicyGate } from '../policy/host-policy.js';
import type { StackDeployer } from './deployer.js';
import { pullsImage, type Progress } from './resources.js';
import { portSpec, previewRequest } from './to-request.js';
import { webStackSource, type WebStackSource } from './web-source.js';

/**
 * Stacks sent by the web: the compose file is the web's, the decisions this host's. A preview
 * plans and reconciles without changing anything; a deploy refuses elevated options the caller may
 * not use (`allowElevated`) and those the host policy refuses — every container's request checked
 * before the first is created — then runs `up --wait` and keeps the file that now runs. Its pulls
 * use the host's `berth login` credentials only for the images the web allows (`images`).
 */
export interface WebStacksDeps {
  deployer: StackDeployer;
  images: Pick<ImageService, 'hasCredentials'>;
  policy: HostPolicyGate;
  dataRoot: string;
}

type SourceParams = RpcParams<'stack.preview'>;

const fileRequest = (src: WebStackSource) => ({
  configFile: src.file,
  projectName: src.project,
  workingDir: src.dir,
  // never the agent's own environment: only the stack's .env interpolates
  env: {},
});

export async function previewWebStack(deps: WebStacksDeps, p: SourceParams): Promise<StackPreview> {
  const src = webStackSource(deps.dataRoot, p);
  const plan = await deps.deployer.plan(fileRequest(src), src.readFile);
  const existing = deps.deployer.ps(plan.project);
  const imageIds = await deps.deployer.localImageIds(plan);
  const { actions, orphans } = reconcile(plan, existing, { removeOrphans: true, imageIds });
  const services = plan.services.map((svc) => ({
    name: svc.name,
    image: svc.image,
    replicas: svc.replicas,
    configHash: svc.configHash,
    dependsOn: Object.keys(svc.dependsOn),
    healthcheck: svc.hasHealthcheck,
    ports: (svc.containers[0]?.spec.ports ?? []).map((port) =>
      port.published === null
        ? `${port.hostIp ? `${port.hostIp}::` : ''}${port.target}/${port.protocol}`
        : portSpec(port, port.published),
    ),
    containers: svc.containers.map((c) => c.name),
    elevated: elevatedOfService(plan, svc.name),
  }));
  return {
    project: plan.project,
    services,
    networks: plan.networks.map((n) => n.name),
    volumes: plan.volumes.map((v) => v.name),
    actions: actions.map(plannedAction),
    warnings: [
      ...plan.warnings,
      ...orphans.map((o) => `orphan container ${o.name} will be removed`),
    ],
    elevated: dedupe(services.flatMap((s) => s.elevated)),
    policyRefusal: await policyRefusal(deps.policy, plan),
    pulls: imagesToPull(plan, imageIds),
  };
}

/** Pure: the images `up` would pull (`pullsImage`, as `ensureImages` does), given the local IDs. */
export function imagesToPull(plan: StackPlan, localIds: Record<string, string>): string[] {
  const pulls = plan.services
    .filter((s) => pullsImage(s.pullPolicy, Boolean(localIds[s.name])))
    .map((s) => s.image);
  return [...new Set(pulls)];
}

export async function deployWebStack(
  deps: WebStacksDeps,
  p: RpcParams<'stack.deploy'>,
  progress: Progress,
): Promise<StackDeployResult> {
  const src = webStackSource(deps.dataRoot, p);
  const req = {
    ...fileRequest(src),
    removeOrphans: p.removeOrphans ?? true,
    ...(p.forceRecreate ? { forceRecreate: true } : {}),
    wait: p.wait ?? true,
  };
  const plan = await deps.deployer.plan(req, src.readFile);
  const elevated = dedupe(plan.services.flatMap((s) => elevatedOfService(plan, s.name)));
  if (!p.allowElevated && elevated.length > 0)
    throw new AgentError(
      'PERMISSION_DENIED',
      `the stack uses elevated options the caller may not use: ${elevated.map((o) => o.label).join(', ')}`,
      { details: { elevated: elevated.map((o) => o.token) } },
    );
  const { actions } = await deps.deployer.up(req, progress, {
    readFile: src.readFile,
    vet: (r) => deps.policy.vetCreate(r),
    pullAccess: async (image) => {
      const access = p.images?.[image];
      if (access?.auth) return { credentials: access.auth };
      await assertStoredCredentialsAllowed(deps.images, image, access?.stored ?? false);
      return {};
    },
  });
  await src.save();
  return {
    project: plan.project,
    services: Object.fromEntries(plan.services.map((s) => [s.name, s.configHash])),
    actions: actions.map(plannedAction),
  };
}

/** Pure: a service's elevated options (over all its containers, deduplicated). */
export function elevatedOfService(plan: StackPlan, service: string): ElevatedOption[] {
  const svc = plan.services.find((s) => s.name === service);
  return dedupe((svc?.containers ?? []).flatMap((c) => classifyCreate(previewRequest(c.spec))));
}

async function policyRefusal(policy: HostPolicyGate, plan: StackPlan): Promise<string | null> {
  try {
    for (const svc of plan.services)
      for (const c of svc.containers) await policy.vetCreate(previewRequest(c.spec));
    return null;
  } catch (err) {
    if (err instanceof AgentError) return err.message;
    throw err;
  }
}

/** Pure: a reconcile action in the wire's words. */
export function plannedAction(a: Action): StackPlannedAction {
  switch (a.kind) {
    case 'create':
      return { kind: 'create', service: a.service, container: a.name, why: null };
    case 'recreate':
      return { kind: 'recreate', service: a.service, container: a.name, why: a.why };
    case 'start':
    case 'keep':
      return { kind: a.kind, service: a.service, container: a.container.name, why: null };
    case 'remove':
      return { kind: 'remove', service: a.service, container: a.container.name, why: a.why };
  }
}

function dedupe(options: ElevatedOption[]): ElevatedOption[] {
  const seen = new Set<string>();
  return options.filter((o) => (seen.has(o.token) ? false : (seen.add(o.token), true)));
}
