import type { AgentEventName, AgentEventPayload, StackProgress } from '@berth/protocol';
import type { StackDeployer } from '../stacks/deployer.js';
import { forgetWebStack } from '../stacks/web-source.js';
import { deployWebStack, previewWebStack, type WebStacksDeps } from '../stacks/web-stacks.js';
import type { RpcRegistry } from './rpc-registry.js';

type Emit = <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;

/**
 * `stack.*` RPCs for the web. Each operation that carries an `operationId` reports its steps as
 * `stack.progress` events (`Image x Pulled`, `Container p-web-1 Started`, `… Healthy`).
 */
export function registerStackRpcs(
  registry: RpcRegistry,
  deps: WebStacksDeps & { emit: Emit },
): void {
  const s: StackDeployer = deps.deployer;
  const reporter =
    (project: string, operationId: string | undefined) =>
    (p: StackProgress): void => {
      if (operationId !== undefined) deps.emit('stack.progress', { ...p, operationId, project });
    };
  registry.register('stack.preview', (p) => previewWebStack(deps, p));
  registry.register('stack.deploy', (p) =>
    deployWebStack(deps, p, reporter(p.project, p.operationId)),
  );
  registry.register('stack.down', async ({ operationId, ...req }) => {
    await s.down(req, reporter(req.project, operationId));
    await forgetWebStack(deps.dataRoot, req.project);
    return { project: req.project };
  });
  for (const op of ['start', 'stop', 'restart'] as const)
    registry.register(`stack.${op}`, async ({ operationId, ...req }) => {
      await s[op](req, reporter(req.project, operationId));
      return { project: req.project };
    });
}
