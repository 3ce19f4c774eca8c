import type { AgentEventName, AgentEventPayload, StackProgress } from '@berth/protocol';
import type { LoadStacks } from '../stacks/lazy.js';
import { forgetWebStack } from '../stacks/web-source.js';
import type { WebStacksDeps } from '../stacks/web-stacks.js';
import type { RpcRegistry } from './rpc-registry.js';

type Emit = <E extends AgentEventName>(name: E, payload: AgentEventPayload<E>) => void;

/**
 * `stack.*` RPCs for the web. Each operation that carries an `operationId` reports its steps as
 * `stack.progress` events (`Image x Pulled`, `Container p-web-1 Started`, `… Healthy`).
 */
export function registerStackRpcs(
  registry: RpcRegistry,
  deps: Omit<WebStacksDeps, 'deployer'> & { deployer: LoadStacks; emit: Emit },
): void {
  const s = deps.deployer;
  // web stacks (and the deployer with @berth/compose) are loaded by the first stack RPC
  const web = async () => {
    const [m, deployer] = await Promise.all([import('../stacks/web-stacks.js'), s()]);
    return { m, deps: { ...deps, deployer } };
  };
  const reporter =
    (project: string, operationId: string | undefined) =>
    (p: StackProgress): void => {
      if (operationId !== undefined) deps.emit('stack.progress', { ...p, operationId, project });
    };
  registry.register('stack.preview', async (p) => {
    const w = await web();
    return w.m.previewWebStack(w.deps, p);
  });
  registry.register('stack.deploy', async (p) => {
    const w = await web();
    return w.m.deployWebStack(w.deps, p, reporter(p.project, p.operationId));
  });
  registry.register('stack.down', async ({ operationId, ...req }) => {
    await (await s()).down(req, reporter(req.project, operationId));
    await forgetWebStack(deps.dataRoot, req.project);
    return { project: req.project };
  });
  for (const op of ['start', 'stop', 'restart'] as const)
    registry.register(`stack.${op}`, async ({ operationId, ...req }) => {
      await (await s())[op](req, reporter(req.project, operationId));
      return { project: req.project };
    });
}
